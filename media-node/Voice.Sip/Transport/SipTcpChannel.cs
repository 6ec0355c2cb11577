using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Voice.Sip.Messages;

namespace Voice.Sip.Transport;

/// <summary>
/// TCP listener plus the connection table, keyed by remote endpoint so responses and later requests reuse a
/// connection in either direction. Idle connections are closed by a sweep.
/// </summary>
internal sealed class SipTcpChannel : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly SipInboundHandler handler;
    private readonly SipTransportOptions options;
    private readonly ConcurrentDictionary<IPEndPoint, SipTcpConnection> connections = new();
    private readonly SemaphoreSlim connectGate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task? acceptLoop;
    private Task? idleSweep;

    public SipTcpChannel(IPEndPoint listen, SipInboundHandler handler, SipTransportOptions options)
    {
        // No ReuseAddress: on Linux .NET maps it to SO_REUSEPORT as well, which lets a second listener (another node, a
        // parallel test) bind the same port and take a share of the connections instead of failing. .NET already sets
        // SO_REUSEADDR on TCP binds, so a restart still binds while old connections sit in TIME_WAIT.
        listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(listen);
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        this.handler = handler;
        this.options = options;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    public int ConnectionCount => connections.Count;

    public void Start()
    {
        acceptLoop = Task.Run(AcceptLoopAsync);
        idleSweep = Task.Run(IdleSweepAsync);
    }

    public async ValueTask<bool> SendAsync(SipMessage message, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var connection = connections.GetValueOrDefault(remote) ?? await ConnectAsync(remote, cancellationToken);
        var result = connection is null ? SipTcpWriteResult.Failed : await connection.WriteAsync(message, cancellationToken);
        if (result == SipTcpWriteResult.NotSent)
        {
            // The connection closed (idle sweep or peer) between lookup and write, with nothing written: use a new one.
            connection = await ConnectAsync(remote, cancellationToken);
            result = connection is null ? SipTcpWriteResult.Failed : await connection.WriteAsync(message, cancellationToken);
        }

        if (result != SipTcpWriteResult.Sent)
        {
            handler.Counters.OnSendFailure();
            return false;
        }

        handler.Counters.OnSent();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        foreach (var connection in connections.Values)
        {
            await connection.DisposeAsync();
        }

        await Task.WhenAll(acceptLoop ?? Task.CompletedTask, idleSweep ?? Task.CompletedTask);
        stopping.Dispose();
    }

    private async Task<SipTcpConnection?> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        await connectGate.WaitAsync(cancellationToken);
        try
        {
            if (connections.TryGetValue(remote, out var existing) && !existing.IsClosed)
            {
                return existing;
            }

            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
            timeout.CancelAfter(options.TcpConnectTimeout);
            try
            {
                await socket.ConnectAsync(remote, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                return null;
            }

            return Register(socket, remote);
        }
        finally
        {
            connectGate.Release();
        }
    }

    private SipTcpConnection Register(Socket socket, IPEndPoint remote)
    {
        var connection = new SipTcpConnection(socket, remote, handler, options.Limits, Unregister);
        connections[remote] = connection;
        handler.Counters.OnConnectionOpened();
        connection.Start();
        return connection;
    }

    private void Unregister(SipTcpConnection connection)
    {
        if (connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(connection.Remote, connection)))
        {
            handler.Counters.OnConnectionClosed();
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(stopping.Token);
                socket.NoDelay = true;
                Register(socket, (IPEndPoint)socket.RemoteEndPoint!);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private async Task IdleSweepAsync()
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.TcpIdleTimeout.TotalMilliseconds / 4, 50, 5000));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                foreach (var connection in connections.Values)
                {
                    await connection.CloseIfIdleAsync(options.TcpIdleTimeout);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.Sip.Transport;

/// <summary>The UDP socket: one receive loop reusing a pooled buffer, and datagram sends.</summary>
internal sealed class SipUdpChannel : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly SipInboundHandler handler;
    private readonly SipTransportCounters counters;
    private readonly int maxBytes;
    private readonly CancellationTokenSource stopping = new();
    private Task? receiveLoop;

    public SipUdpChannel(IPEndPoint listen, SipInboundHandler handler, SipTransportCounters counters, int maxBytes)
    {
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(listen);
        this.handler = handler;
        this.counters = counters;
        this.maxBytes = maxBytes;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)socket.LocalEndPoint!;

    /// <summary>Releases the socket of a channel whose receive loop never started (construction failed later).</summary>
    public void CloseUnstarted() => socket.Dispose();

    public void Start() => receiveLoop = Task.Run(ReceiveLoopAsync);

    public async ValueTask<bool> SendAsync(SipMessage message, IPEndPoint remote, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendToAsync(SipMessageWriter.ToBytes(message), SocketFlags.None, remote, cancellationToken);
            counters.OnSent();
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            counters.OnSendFailure();
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        socket.Dispose();
        if (receiveLoop is not null)
        {
            await receiveLoop;
        }

        stopping.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        // One buffer for the socket's lifetime: a datagram is parsed (and copied into its message) before the next read.
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        var address = new SocketAddress(AddressFamily.InterNetwork);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await socket.ReceiveFromAsync(buffer, SocketFlags.None, address, stopping.Token);
                }
                catch (SocketException)
                {
                    continue;
                }

                var remote = (IPEndPoint)LocalEndPoint.Create(address);
                if (length > maxBytes)
                {
                    counters.OnMalformedDropped();
                    continue;
                }

                if (handler.Handle(buffer.AsSpan(0, length), remote, SipTransportProtocol.Udp) is { } rejection)
                {
                    await SendAsync(rejection, remote, stopping.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

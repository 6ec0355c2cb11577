using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.Sip.Transport;

/// <summary>One TCP connection: a read loop that frames messages by Content-Length, and serialized writes.</summary>
internal sealed class SipTcpConnection : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly SipInboundHandler handler;
    private readonly SipParserLimits limits;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    private readonly Action<SipTcpConnection> onClosed;
    private Task? readLoop;
    private long lastActivity = Environment.TickCount64;
    private int closed;

    public SipTcpConnection(Socket socket, IPEndPoint remote, SipInboundHandler handler, SipParserLimits limits, Action<SipTcpConnection> onClosed)
    {
        this.socket = socket;
        Remote = remote;
        this.handler = handler;
        this.limits = limits;
        this.onClosed = onClosed;
    }

    public IPEndPoint Remote { get; }

    public TimeSpan IdleFor => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastActivity));

    public void Start() => readLoop = Task.Run(ReadLoopAsync);

    /// <summary>True once the connection is closed (idle sweep, peer, error or disposal).</summary>
    public bool IsClosed => Volatile.Read(ref closed) != 0;

    public async ValueTask<SipTcpWriteResult> WriteAsync(SipMessage message, CancellationToken cancellationToken)
    {
        var bytes = SipMessageWriter.ToBytes(message);
        try
        {
            await writeGate.WaitAsync(cancellationToken);
            try
            {
                // Closed before any byte went out (the idle sweep closes under this gate): the caller may use another connection.
                if (IsClosed)
                {
                    return SipTcpWriteResult.NotSent;
                }

                // Activity is stamped inside the gate so the sweep, which holds it, never judges a write half-way.
                Interlocked.Exchange(ref lastActivity, Environment.TickCount64);
                await socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
                Interlocked.Exchange(ref lastActivity, Environment.TickCount64);
            }
            finally
            {
                writeGate.Release();
            }

            return SipTcpWriteResult.Sent;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            await CloseAsync();
            return SipTcpWriteResult.Failed;
        }
    }

    /// <summary>
    /// Closes the connection if nothing was sent or received for <paramref name="timeout"/>. A connection is not idle
    /// while a write is in progress or while received bytes wait in the socket for a read loop that has not run yet
    /// (it lags under load; closing then would discard them and reset the peer).
    /// </summary>
    public async ValueTask<bool> CloseIfIdleAsync(TimeSpan timeout)
    {
        if (IdleFor < timeout || !writeGate.Wait(0))
        {
            return false;
        }

        try
        {
            if (IsClosed || IdleFor < timeout || HasUnreadBytes())
            {
                return false;
            }

            await CloseAsync();
            return true;
        }
        finally
        {
            writeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        if (readLoop is not null)
        {
            await readLoop;
        }
    }

    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }

        await closing.CancelAsync();
        socket.Dispose();
        onClosed(this);
    }

    private bool HasUnreadBytes()
    {
        try
        {
            return socket.Available > 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The socket is failing or being closed by the read loop: nothing for the sweep to keep.
            return false;
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    // A message is larger than the buffer: grow up to the frame limit (the framer rejects beyond it).
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limits.MaxMessageBytes + 4096));
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await socket.ReceiveAsync(buffer.AsMemory(count), SocketFlags.None, closing.Token);
                if (read == 0)
                {
                    break;
                }

                count += read;
                Interlocked.Exchange(ref lastActivity, Environment.TickCount64);
                if (!await DrainAsync(buffer, count, consumed => count -= consumed))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await CloseAsync();
        }
    }

    // Handles every complete frame at the start of the buffer; false when the stream is unframeable.
    private async ValueTask<bool> DrainAsync(byte[] buffer, int count, Action<int> consumedBytes)
    {
        var offset = 0;
        while (true)
        {
            var status = SipStreamFramer.TryFrame(buffer.AsSpan(offset, count - offset), limits, out var length);
            if (status == SipFrameStatus.NeedMore)
            {
                break;
            }

            if (status == SipFrameStatus.Malformed)
            {
                handler.Counters.OnMalformedDropped();
                return false;
            }

            if (status == SipFrameStatus.Message && handler.Handle(buffer.AsSpan(offset, length), Remote, SipTransportProtocol.Tcp) is { } rejection)
            {
                await WriteAsync(rejection, closing.Token);
            }

            offset += length;
        }

        if (offset > 0)
        {
            Buffer.BlockCopy(buffer, offset, buffer, 0, count - offset);
            consumedBytes(offset);
        }

        return true;
    }
}

using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Voice.Media.Streaming;

/// <summary>
/// Moves one stream's audio over one WebSocket connection: the fork's frames out (encoded and framed), the peer's
/// audio in (decoded into the <see cref="StreamedAudioSource"/> for bidirectional streams), DTMF, marks and clears.
/// It runs on its own tasks, never on the media clock. A connection that ends is reported by <see cref="RunAsync"/>'s
/// result; the caller decides on reconnecting with a new pump run (frames queued meanwhile are stale and dropped).
/// Messages from the peer over <see cref="MaxMessageBytes"/> close the connection with 1009 (message too big).
/// </summary>
public sealed class MediaStreamPump
{
    /// <summary>The largest message accepted from the peer: 30 s of 16 kHz L16 in base64 JSON fits.</summary>
    public const int MaxMessageBytes = 2 * 1024 * 1024;

    private const int Frame = 160;
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(1);
    private readonly IMediaStreamFraming _framing;
    private readonly StreamSessionInfo _info;
    private readonly MediaStreamFork _fork;
    private readonly StreamedAudioSource? _playback;
    private readonly StreamAudioDecoder? _decoder;
    private readonly StreamAudioEncoder _inboundEncoder;
    private readonly StreamAudioEncoder _outboundEncoder;
    private readonly Channel<StreamMessage> _control = Channel.CreateBounded<StreamMessage>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly byte[] _encoded;
    private readonly short[] _mix = new short[160];
    private long _framesSent;
    private long _messagesReceived;
    private long _malformed;
    private long _staleDropped;

    /// <summary>A pump for one stream.</summary>
    /// <param name="framing">The dialect's wire format.</param>
    /// <param name="info">The stream's id, format, tracks and opening fields.</param>
    /// <param name="fork">The tap feeding frames.</param>
    /// <param name="playback">Where audio from the peer goes; null for a one-way stream (the peer's audio is then ignored).</param>
    /// <param name="returnFormat">The format of the peer's audio (bidirectional codec/rate); defaults to <see cref="StreamSessionInfo.Format"/>.</param>
    public MediaStreamPump(IMediaStreamFraming framing, StreamSessionInfo info, MediaStreamFork fork, StreamedAudioSource? playback, StreamAudioFormat? returnFormat = null)
    {
        _framing = framing;
        _info = info;
        _fork = fork;
        _playback = playback;
        _inboundEncoder = new StreamAudioEncoder(info.Format);
        _outboundEncoder = new StreamAudioEncoder(info.Format);
        _decoder = playback is null ? null : new StreamAudioDecoder(returnFormat ?? info.Format);
        _encoded = new byte[info.Format.BytesPerFrame];
    }

    /// <summary>Frames sent to the peer.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Messages received from the peer.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Messages from the peer that could not be read (each answered with the framing's error, where it has one).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Frames dropped at a reconnect because they had waited too long.</summary>
    public long StaleDropped => Interlocked.Read(ref _staleDropped);

    /// <summary>Queues a DTMF digit for the peer (dropped when 256 control messages already wait).</summary>
    public void SendDtmf(char digit, int durationMs) => _control.Writer.TryWrite(_framing.Dtmf(digit, durationMs));

    /// <summary>
    /// Runs the stream on <paramref name="socket"/> (already connected) until <paramref name="stop"/> is cancelled
    /// (the stop message and a normal close are sent, the peer's close awaited for a second), the peer closes, or the
    /// connection breaks. Never throws for the connection's failures. Socket calls are never cancelled by a token —
    /// that aborts a .NET WebSocket — so a stalled peer is aborted after the close wait instead.
    /// </summary>
    public async Task<StreamEnd> RunAsync(WebSocket socket, CancellationToken stop)
    {
        DropStaleFrames();
        using var sender = CancellationTokenSource.CreateLinkedTokenSource(stop);
        try
        {
            foreach (var message in _framing.Opening(_info))
            {
                await SendAsync(socket, message);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            return new StreamEnd(StreamEndKind.Broken, e.Message);
        }

        var receiving = ReceiveAsync(socket);
        var sending = SendFramesAsync(socket, sender.Token);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStop = stop.Register(() => stopped.TrySetResult());
        var first = await Task.WhenAny(receiving, sending, stopped.Task);
        await sender.CancelAsync();
        if (first == receiving)
        {
            await Settle(sending, socket);
            return await Outcome(receiving);
        }

        if (first == sending && !stop.IsCancellationRequested)
        {
            socket.Abort();
            await Settle(receiving, socket);
            return new StreamEnd(StreamEndKind.Broken, sending.Exception?.GetBaseException().Message ?? "the connection ended");
        }

        // Stopped by us: let the sender finish its message, then stop message, close, and the peer's close.
        await Settle(sending, socket);
        try
        {
            using var timeout = new CancellationTokenSource(CloseWait);
            if (_framing.Closing() is { } closing)
            {
                await SendAsync(socket, closing).WaitAsync(timeout.Token);
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stream stopped", CancellationToken.None).WaitAsync(timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or TimeoutException)
        {
            socket.Abort();
        }

        await Settle(receiving, socket);
        return new StreamEnd(StreamEndKind.Stopped, "stopped");
    }

    private static async Task<StreamEnd> Outcome(Task<StreamEnd> receiving)
    {
        try
        {
            return await receiving;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            return new StreamEnd(StreamEndKind.Broken, e.Message);
        }
    }

    /// <summary>Waits up to the close wait for <paramref name="task"/>, aborting the socket if it hangs; its failure is expected.</summary>
    private static async Task Settle(Task task, WebSocket socket)
    {
        try
        {
            await task.WaitAsync(CloseWait);
        }
        catch (TimeoutException)
        {
            socket.Abort();
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The connection ended; this loop's end is expected.
        }

        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // As above, after the abort.
        }
    }

    private void DropStaleFrames()
    {
        while (_fork.Frames.TryRead(out var stale))
        {
            MediaStreamFork.Return(stale);
            Interlocked.Increment(ref _staleDropped);
        }
    }

    private async Task SendFramesAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        while (await _fork.Frames.WaitToReadAsync(cancellationToken))
        {
            while (_control.Reader.TryRead(out var control))
            {
                await SendAsync(socket, control);
            }

            while (_playback?.TryTakeReachedMark(out var mark) == true)
            {
                if (_framing.MarkReached(mark) is { } reached)
                {
                    await SendAsync(socket, reached);
                }
            }

            while (_fork.Frames.TryRead(out var frame))
            {
                try
                {
                    await SendFrameAsync(socket, frame);
                }
                finally
                {
                    MediaStreamFork.Return(frame);
                }
            }
        }
    }

    private async Task SendFrameAsync(WebSocket socket, ForkedFrame frame)
    {
        var elapsed = TimeSpan.FromMilliseconds(frame.Index * 20);
        if (_framing.SeparateTracks || frame.Inbound is null || frame.Outbound is null)
        {
            if (frame.Inbound is { } inbound)
            {
                var length = _inboundEncoder.Encode(inbound.AsSpan(0, Frame), _encoded);
                await SendAsync(socket, _framing.Audio(StreamTracks.Inbound, _encoded.AsSpan(0, length), elapsed));
            }

            if (frame.Outbound is { } outbound)
            {
                var length = _outboundEncoder.Encode(outbound.AsSpan(0, Frame), _encoded);
                await SendAsync(socket, _framing.Audio(StreamTracks.Outbound, _encoded.AsSpan(0, length), elapsed));
            }
        }
        else
        {
            for (var i = 0; i < _mix.Length; i++)
            {
                _mix[i] = (short)Math.Clamp(frame.Inbound[i] + frame.Outbound[i], short.MinValue, short.MaxValue);
            }

            var length = _inboundEncoder.Encode(_mix, _encoded);
            await SendAsync(socket, _framing.Audio(StreamTracks.Both, _encoded.AsSpan(0, length), elapsed));
        }

        Interlocked.Increment(ref _framesSent);
    }

    /// <summary>Reads the peer's messages until its close (or a failure, thrown).</summary>
    private async Task<StreamEnd> ReceiveAsync(WebSocket socket)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var samples = Array.Empty<short>();
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), CancellationToken.None);
                buffer.Advance(result.Count);
                if (buffer.WrittenCount > MaxMessageBytes)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {MaxMessageBytes} bytes", CancellationToken.None);
                    return new StreamEnd(StreamEndKind.Broken, "the peer sent a message over the size limit");
                }
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await IgnoreFailure(socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None));
                }

                return new StreamEnd(StreamEndKind.ClosedByPeer, $"the peer closed the stream ({socket.CloseStatus?.ToString() ?? "no status"})");
            }

            Interlocked.Increment(ref _messagesReceived);
            var inbound = _framing.Decode(buffer.WrittenSpan, result.MessageType == WebSocketMessageType.Text);
            switch (inbound.Kind)
            {
                case StreamInboundKind.Audio when _playback is not null && _decoder is not null:
                    if (samples.Length < StreamAudioDecoder.MaxSamples(inbound.Audio.Length))
                    {
                        samples = new short[StreamAudioDecoder.MaxSamples(inbound.Audio.Length)];
                    }

                    var count = _decoder.Decode(inbound.Audio.Span, samples);
                    _playback.Append(samples.AsSpan(0, count));
                    break;
                case StreamInboundKind.Clear when _playback is not null:
                    _playback.Clear();
                    if (_framing.Cleared() is { } cleared)
                    {
                        _control.Writer.TryWrite(cleared);
                    }

                    break;
                case StreamInboundKind.Mark when _playback is not null:
                    _playback.Mark(inbound.Name!);
                    break;
                case StreamInboundKind.Mark:
                    if (_framing.MarkReached(inbound.Name!) is { } reached)
                    {
                        _control.Writer.TryWrite(reached);
                    }

                    break;
                case StreamInboundKind.Malformed:
                    Interlocked.Increment(ref _malformed);
                    if (_framing.Refused(inbound.Error!) is { } refused)
                    {
                        _control.Writer.TryWrite(refused);
                    }

                    break;
            }
        }
    }

    private static async Task SendAsync(WebSocket socket, StreamMessage message) =>
        await socket.SendAsync(message.Payload, message.IsText ? WebSocketMessageType.Text : WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);

    private static async Task IgnoreFailure(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // Answering the peer's close is a courtesy.
        }
    }
}

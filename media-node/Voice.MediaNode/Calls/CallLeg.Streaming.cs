using Voice.Media.Contracts;
using Voice.Media.Sessions;
using Voice.MediaNode.Streaming;

namespace Voice.MediaNode.Calls;

/// <summary>WebSocket streams of a call: start_stream / stop_stream, DTMF handed to each stream, all stopped at hangup.</summary>
public sealed partial class CallLeg
{
    private readonly Dictionary<string, CallStream> streams = new(StringComparer.Ordinal);

    private async Task HandleStreamingAsync(MediaSession session, MediaCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case StartStreamCommand start:
                await StartStreamAsync(session, start, cancellationToken);
                break;
            case StopStreamCommand stop:
                await StopStreamsAsync(stop.StreamId, "stopped", command.Id, cancellationToken);
                break;
        }
    }

    private async Task StartStreamAsync(MediaSession session, StartStreamCommand start, CancellationToken cancellationToken)
    {
        var (request, error) = StreamRequest.From(start);
        CallStream? stream = null;
        lock (mediaGate)
        {
            if (request is not null && streams.ContainsKey(start.StreamId))
            {
                error = $"stream {start.StreamId} is already running";
            }
            else if (request?.ReturnFormat is not null && streams.Values.Any(s => s.IsBidirectional))
            {
                error = "another bidirectional stream already plays into this call";
            }
            else if (request is not null)
            {
                stream = new CallStream(CallId, start, request, session, services.StreamConnections, services.Events, services.Logger, OnStreamEnded);
                streams[start.StreamId] = stream;
            }
        }

        if (stream is null)
        {
            await services.Events.PublishAsync(new StreamFailedEvent { Id = "", CallId = CallId, CommandId = start.Id, StreamId = start.StreamId, Url = start.Url, Reason = error!, Track = start.Track }, cancellationToken);
            return;
        }

        stream.Start();
    }

    /// <summary>Stops one stream (or all, with a null id) and waits for their end events.</summary>
    private async Task StopStreamsAsync(string? streamId, string reason, string? commandId, CancellationToken cancellationToken)
    {
        List<CallStream> stopping;
        lock (mediaGate)
        {
            stopping = streamId is null ? [.. streams.Values] : streams.TryGetValue(streamId, out var one) ? [one] : [];
            foreach (var stream in stopping)
            {
                streams.Remove(stream.StreamId);
            }
        }

        if (stopping.Count == 0 && streamId is not null && commandId is not null)
        {
            await services.Events.PublishErrorAsync(CallId, commandId, "stream_not_found", $"no stream {streamId} on this call", cancellationToken);
            return;
        }

        await Task.WhenAll(stopping.Select(s => s.StopAsync(reason)));
        foreach (var stream in stopping)
        {
            stream.Dispose();
        }
    }

    /// <summary>A stream that ended by itself (peer closed, failed) leaves the call; one being stopped is already gone.</summary>
    private void OnStreamEnded(CallStream stream)
    {
        bool removed;
        lock (mediaGate)
        {
            removed = streams.TryGetValue(stream.StreamId, out var current) && ReferenceEquals(current, stream) && streams.Remove(stream.StreamId);
        }

        if (removed)
        {
            stream.Dispose();
        }
    }

    private void ForwardDigitToStreams(char digit, int durationMs)
    {
        lock (mediaGate)
        {
            foreach (var stream in streams.Values)
            {
                stream.Dtmf(digit, durationMs);
            }
        }
    }
}

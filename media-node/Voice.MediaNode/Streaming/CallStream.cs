using System.Net.WebSockets;
using Voice.Media.Contracts;
using Voice.Media.Sessions;
using Voice.Media.Streaming;
using Voice.MediaNode.Events;
using Voice.OutboundHttp;

namespace Voice.MediaNode.Streaming;

/// <summary>
/// One WebSocket stream of one call: taps the session's audio (<see cref="MediaStreamFork"/>), connects, runs
/// <see cref="MediaStreamPump"/>, reconnects by <see cref="StreamReconnectPolicy"/>, and reports
/// stream_started / stream_stopped / stream_failed. For a bidirectional stream the peer's audio is mixed into what
/// the phone hears.
/// </summary>
internal sealed class CallStream : IDisposable
{
    private readonly string _callId;
    private readonly string _commandId;
    private readonly StartStreamCommand _command;
    private readonly StreamRequest _request;
    private readonly MediaSession _session;
    private readonly GuardedWebSockets _connections;
    private readonly MediaEventPublisher _events;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly MediaStreamFork _fork;
    private readonly StreamedAudioSource? _playback;
    private readonly MediaStreamPump _pump;
    private readonly Action<CallStream> _ended;
    private string _stopReason = "stopped";
    private Task _running = Task.CompletedTask;

    /// <param name="ended">Called once the stream's end was reported, whoever ended it.</param>
    public CallStream(string callId, StartStreamCommand command, StreamRequest request, MediaSession session, GuardedWebSockets connections, MediaEventPublisher events, ILogger logger, Action<CallStream> ended)
    {
        _ended = ended;
        _callId = callId;
        _commandId = command.Id;
        _command = command;
        _request = request;
        _session = session;
        _connections = connections;
        _events = events;
        _logger = logger;
        _fork = new MediaStreamFork(request.Info.Tracks);
        _playback = request.ReturnFormat is null ? null : new StreamedAudioSource();
        _pump = new MediaStreamPump(request.Framing(), request.Info, _fork, _playback, request.ReturnFormat);
    }

    public string StreamId => _command.StreamId;

    /// <summary>True when the peer's audio is played into the call.</summary>
    public bool IsBidirectional => _playback is not null;

    /// <summary>Starts the stream on its own task.</summary>
    public void Start() => _running = RunAsync();

    /// <summary>Hands a DTMF digit to the peer.</summary>
    public void Dtmf(char digit, int durationMs) => _pump.SendDtmf(digit, durationMs);

    /// <summary>Stops the stream (stop message, normal close) and waits for its end event.</summary>
    public async Task StopAsync(string reason)
    {
        _stopReason = reason;
        await _stop.CancelAsync();
        await _running;
    }

    private async Task RunAsync()
    {
        var started = false;
        var attempt = 0;
        string? failure = null;
        StreamEnd? end = null;
        _session.AddTap(_fork);
        if (_playback is not null)
        {
            _session.SetReturnAudio(_playback);
        }

        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var socket = new ClientWebSocket();
                if (_command.AuthToken is { Length: > 0 } token)
                {
                    socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
                }

                try
                {
                    using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    connectTimeout.CancelAfter(StreamReconnectPolicy.ConnectTimeout);
                    await _connections.ConnectAsync(socket, _request.Url, connectTimeout.Token);
                }
                catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException or IOException)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        break;
                    }

                    failure = OutboundTargetGuard.IsRefusal(e)
                        ? $"stream URL {_request.Url} refused: it resolves to no public address"
                        : $"cannot connect to {_request.Url}: {(e is OperationCanceledException ? "timed out" : e.Message)}";
                    if (OutboundTargetGuard.IsRefusal(e) || !started || attempt >= StreamReconnectPolicy.Delays.Count)
                    {
                        return;
                    }

                    await WaitAsync(StreamReconnectPolicy.Delays[attempt++]);
                    continue;
                }

                failure = null;
                attempt = 0;
                if (!started)
                {
                    started = true;
                    await _events.PublishAsync(new StreamStartedEvent { Id = "", CallId = _callId, CommandId = _commandId, StreamId = StreamId, Url = _command.Url });
                }

                end = await _pump.RunAsync(socket, _stop.Token);
                if (end.Value.Kind != StreamEndKind.Broken)
                {
                    return;
                }

                _logger.LogInformation("Call {CallId} stream {StreamId} broke ({Reason}); reconnecting", _callId, StreamId, end.Value.Reason);
                failure = $"the connection broke: {end.Value.Reason}";
                await WaitAsync(StreamReconnectPolicy.Delays[attempt++]);
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Call {CallId} stream {StreamId} failed", _callId, StreamId);
            failure = e.Message;
        }
        finally
        {
            _session.RemoveTap(_fork);
            _fork.Complete();
            if (_playback is not null)
            {
                _session.SetReturnAudio(null);
            }

            await ReportEndAsync(failure, end);
            _ended(this);
        }
    }

    private async Task ReportEndAsync(string? failure, StreamEnd? end)
    {
        if (failure is not null && !_stop.IsCancellationRequested)
        {
            _logger.LogWarning("Call {CallId} stream {StreamId} failed: {Reason}", _callId, StreamId, failure);
            await _events.PublishAsync(new StreamFailedEvent { Id = "", CallId = _callId, CommandId = _commandId, StreamId = StreamId, Url = _command.Url, Reason = failure, Track = _command.Track });
            return;
        }

        // Also when stopped before it ever connected: the lifecycle hears an end for every start.
        var reason = end?.Kind == StreamEndKind.ClosedByPeer ? "closed_by_peer" : _stopReason;
        await _events.PublishAsync(new StreamStoppedEvent { Id = "", CallId = _callId, CommandId = _commandId, StreamId = StreamId, Url = _command.Url, Reason = reason, DroppedFrames = _fork.Dropped + _pump.StaleDropped });
    }

    /// <summary>Releases the stop signal; call after the stream ended.</summary>
    public void Dispose() => _stop.Dispose();

    private async Task WaitAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting to reconnect.
        }
    }
}

using Voice.Media.Contracts;
using Voice.Media.Sessions;
using Voice.Media.Speech;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Continuous transcription (start_transcription): a continuous <see cref="SpeechListener"/> per track, each
/// utterance reported as a transcription event (partial ones with interim results). One transcription at a time: a
/// new start replaces the running one; stop, hangup or a failure end it with transcription_stopped.
/// </summary>
public sealed partial class CallLeg
{
    private Transcription? transcribing;

    private async Task HandleTranscriptionAsync(MediaSession session, MediaCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case StartTranscriptionCommand start:
                await StartTranscriptionAsync(session, start, cancellationToken);
                break;
            case StopTranscriptionCommand:
                await StopTranscriptionAsync("stopped");
                break;
        }
    }

    private async Task StartTranscriptionAsync(MediaSession session, StartTranscriptionCommand command, CancellationToken cancellationToken)
    {
        SpeechTrack[]? tracks = command.Tracks switch
        {
            "inbound" => [SpeechTrack.Inbound],
            "outbound" => [SpeechTrack.Outbound],
            "both" => [SpeechTrack.Inbound, SpeechTrack.Outbound],
            _ => null,
        };
        if (tracks is null)
        {
            await services.Events.PublishErrorAsync(CallId, command.Id, "invalid_settings", $"tracks must be inbound, outbound or both, not '{command.Tracks}'", cancellationToken);
            return;
        }

        await StopTranscriptionAsync("replaced");
        var listeners = new List<SpeechListener>();
        foreach (var track in tracks)
        {
            var (listener, error) = services.Speech.Create(command.Speech, track, continuous: true, command.InterimResults);
            if (listener is null)
            {
                foreach (var started in listeners)
                {
                    await started.DisposeAsync();
                }

                await services.Events.PublishErrorAsync(CallId, command.Id, "speech_unavailable", error!, cancellationToken);
                return;
            }

            listeners.Add(listener);
        }

        var transcription = new Transcription(command.Id, listeners);
        Volatile.Write(ref transcribing, transcription);
        foreach (var listener in listeners)
        {
            session.AddTap(listener);
        }

        transcription.Following = FollowTranscriptionAsync(session, transcription);
    }

    private async Task FollowTranscriptionAsync(MediaSession session, Transcription transcription)
    {
        var followers = transcription.Listeners.Select(listener => FollowTrackAsync(session, transcription, listener)).ToList();
        await Task.WhenAll(followers);
        Interlocked.CompareExchange(ref transcribing, null, transcription);
        await services.Events.PublishAsync(new TranscriptionStoppedEvent
        {
            Id = "",
            CallId = CallId,
            CommandId = transcription.CommandId,
            Reason = transcription.Error is null ? transcription.StopReason : "failed",
            Error = transcription.Error,
        });
    }

    private async Task FollowTrackAsync(MediaSession session, Transcription transcription, SpeechListener listener)
    {
        var track = listener.Track == SpeechTrack.Inbound ? "inbound" : "outbound";
        try
        {
            await foreach (var heard in listener.Events.ReadAllAsync())
            {
                switch (heard)
                {
                    case SpeechPartial partial:
                        await PublishTranscriptAsync(transcription, track, partial.Text, false, 0, partial.At, TimeSpan.Zero);
                        break;
                    case SpeechFinal { Result.Best: { } best } final:
                        await PublishTranscriptAsync(transcription, track, best.Text, true, best.Confidence, final.At - final.Duration, final.Duration);
                        break;
                    case SpeechFailed failed:
                        transcription.Error ??= failed.Reason;
                        services.Logger.LogWarning("Call {CallId}: transcription of the {Track} track failed: {Reason}", CallId, track, failed.Reason);
                        break;
                }
            }
        }
        finally
        {
            session.RemoveTap(listener);
            await listener.DisposeAsync();
        }
    }

    private Task<MediaEvent> PublishTranscriptAsync(Transcription transcription, string track, string text, bool final, double confidence, TimeSpan start, TimeSpan duration) =>
        services.Events.PublishAsync(new TranscriptionEvent
        {
            Id = "",
            CallId = CallId,
            CommandId = transcription.CommandId,
            Track = track,
            Text = text,
            IsFinal = final,
            Confidence = Math.Round(confidence, 4),
            StartMs = (long)Math.Max(0, start.TotalMilliseconds),
            DurationMs = (long)duration.TotalMilliseconds,
        });

    /// <summary>Ends the running transcription, if any: utterances being spoken are still reported, then transcription_stopped.</summary>
    private async Task StopTranscriptionAsync(string reason)
    {
        if (Interlocked.Exchange(ref transcribing, null) is not { } running)
        {
            return;
        }

        running.StopReason = reason;
        foreach (var listener in running.Listeners)
        {
            await listener.StopAsync();
        }

        if (running.Following is { } following)
        {
            await following;
        }
    }

    /// <summary>A running transcription: its listeners (one per track) and how it ends.</summary>
    private sealed class Transcription(string commandId, IReadOnlyList<SpeechListener> listeners)
    {
        public string CommandId { get; } = commandId;

        public IReadOnlyList<SpeechListener> Listeners { get; } = listeners;

        public Task? Following { get; set; }

        public string StopReason { get; set; } = "stopped";

        public string? Error { get; set; }
    }
}

using Voice.Media.Contracts;
using Voice.Media.Sessions;
using Voice.Media.Speech;
using Voice.MediaNode.Gather;
using Voice.MediaNode.Speech;

namespace Voice.MediaNode.Calls;

/// <summary>
/// The speech part of a gather: a <see cref="SpeechListener"/> on the received audio from the gather's start. Speech
/// starting stops the prompts (barge-in); its result ends the gather; a digit, or the gather ending another way,
/// stops the listener without a result.
/// </summary>
public sealed partial class CallLeg
{
    private SpeechListener? inputListener;

    /// <summary>Starts listening for <paramref name="gather"/>; an engine or VAD that cannot serve ends the gather with the error.</summary>
    private void StartSpeechInput(MediaSession session, GatherSession gather, SpeechSettings speech)
    {
        var (listener, error) = services.Speech.Create(speech, SpeechTrack.Inbound, continuous: false, interimResults: false);
        if (listener is null)
        {
            lock (mediaGate)
            {
                gather.SpeechEnded(new SpeechInputResult { EndReason = SpeechEndReasons.Stopped, Error = error });
            }

            return;
        }

        Volatile.Write(ref inputListener, listener);
        session.AddTap(listener);
        _ = FollowSpeechInputAsync(session, gather, listener);
    }

    private async Task FollowSpeechInputAsync(MediaSession session, GatherSession gather, SpeechListener listener)
    {
        try
        {
            await foreach (var heard in listener.Events.ReadAllAsync())
            {
                var stopPrompt = false;
                lock (mediaGate)
                {
                    switch (heard)
                    {
                        case SpeechStarted:
                            stopPrompt = gather.SpeechStarted() && gathering?.Prompt is not null;
                            break;
                        case SpeechFinal final:
                            gather.SpeechEnded(new SpeechInputResult { Results = SpeechListenerFactory.Results(final.Result), EndReason = SpeechListenerFactory.Name(final.Reason) });
                            break;
                        case SpeechFailed failed:
                            gather.SpeechEnded(new SpeechInputResult { EndReason = SpeechEndReasons.Stopped, Error = failed.Reason });
                            break;
                    }
                }

                if (stopPrompt)
                {
                    session.StopPlayback();
                }

                await ReportGatherIfEndedAsync();
            }
        }
        finally
        {
            session.RemoveTap(listener);
            if (ReferenceEquals(Interlocked.CompareExchange(ref inputListener, null, listener), listener))
            {
                await listener.DisposeAsync();
            }

            if (listener.DroppedFrames > 0)
            {
                services.Logger.LogWarning("Call {CallId}: speech input dropped {Frames} frames (its worker fell behind)", CallId, listener.DroppedFrames);
            }
        }
    }

    /// <summary>Stops listening for speech without a result (a digit came, or the gather ended).</summary>
    private void StopSpeechInput()
    {
        if (Interlocked.Exchange(ref inputListener, null) is { } listener)
        {
            media?.RemoveTap(listener);
            _ = listener.DisposeAsync().AsTask();
        }
    }
}

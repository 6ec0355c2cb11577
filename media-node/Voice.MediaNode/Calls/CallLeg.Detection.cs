using Voice.Media.Contracts;
using Voice.Media.MachineDetection;
using Voice.Media.Sessions;
using Voice.Media.Taps;
using Voice.MediaNode.Speech;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Answering-machine detection on the call (detect_machine): an <see cref="AnsweringMachineDetector"/> tap on the
/// received audio, reporting machine_detection_ended and machine_greeting_ended. One detection at a time; a new
/// command replaces the running one, whose results are then not reported; hangup ends it.
/// </summary>
public sealed partial class CallLeg
{
    /// <summary>The first 5 s after the answer, for a detection the engine starts after the answered event's round trip.</summary>
    private readonly AnswerAudioBuffer answerAudio = new(seconds: 5);
    private AnsweringMachineDetector? detecting;

    private async Task StartMachineDetectionAsync(MediaSession session, DetectMachineCommand command, CancellationToken cancellationToken)
    {
        var (settings, invalid) = MachineDetectionCommandSettings.Read(command);
        if (settings is null)
        {
            await services.Events.PublishErrorAsync(CallId, command.Id, "invalid_settings", invalid!, cancellationToken);
            return;
        }

        var (model, unavailable) = services.Vad.TryGet();
        if (model is null)
        {
            await services.Events.PublishErrorAsync(CallId, command.Id, "vad_unavailable", unavailable!, cancellationToken);
            return;
        }

        await StopMachineDetectionAsync();
        var detector = new AnsweringMachineDetector(model.CreateDetector(), settings);
        Volatile.Write(ref detecting, detector);

        // From the answer, not from when the command arrived: the answer buffer replays what the leg heard meanwhile.
        answerAudio.Attach(detector);
        _ = ReportMachineDetectionAsync(session, detector, command.Id);
    }

    private async Task ReportMachineDetectionAsync(MediaSession session, AnsweringMachineDetector detector, string commandId)
    {
        try
        {
            var outcome = await detector.Detection;
            if (ReferenceEquals(Volatile.Read(ref detecting), detector))
            {
                await services.Events.PublishAsync(new MachineDetectionEndedEvent
                {
                    Id = "",
                    CallId = CallId,
                    CommandId = commandId,
                    Result = Name(outcome.Result),
                    DurationMs = (long)outcome.After.TotalMilliseconds,
                });
            }

            if (await detector.GreetingEnd is { } greeting && ReferenceEquals(Volatile.Read(ref detecting), detector))
            {
                await services.Events.PublishAsync(new MachineGreetingEndedEvent
                {
                    Id = "",
                    CallId = CallId,
                    CommandId = commandId,
                    Result = Name(greeting.Result),
                    DurationMs = (long)greeting.After.TotalMilliseconds,
                });
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.Logger.LogError(e, "Call {CallId}: machine detection failed", CallId);
            await services.Events.PublishErrorAsync(CallId, commandId, "detection_failed", e.Message);
        }
        finally
        {
            answerAudio.Detach(detector);
            if (ReferenceEquals(Interlocked.CompareExchange(ref detecting, null, detector), detector))
            {
                await detector.DisposeAsync();
            }

            if (detector.DroppedFrames > 0)
            {
                services.Logger.LogWarning("Call {CallId}: machine detection dropped {Frames} frames (its worker fell behind)", CallId, detector.DroppedFrames);
            }
        }
    }

    /// <summary>Ends a running detection without reporting it (hangup, or a new detect_machine).</summary>
    private async Task StopMachineDetectionAsync()
    {
        if (Interlocked.Exchange(ref detecting, null) is { } running)
        {
            answerAudio.Detach(running);
            await running.DisposeAsync();
        }
    }

    private static string Name(MachineDetectionResult result) => result switch
    {
        MachineDetectionResult.Human => MachineDetectionModes.Human,
        MachineDetectionResult.Machine => MachineDetectionModes.Machine,
        _ => MachineDetectionModes.NotSure,
    };

    private static string Name(GreetingEndResult result) => result switch
    {
        GreetingEndResult.BeepDetected => MachineDetectionModes.BeepDetected,
        GreetingEndResult.Ended => MachineDetectionModes.Ended,
        _ => MachineDetectionModes.NotSure,
    };
}

using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Answering-machine detection on a call: a <see cref="DetectMachine"/> becomes the node's detect_machine, and its
/// events become <see cref="VoiceEventTypes.CallMachineDetectionEnded"/> / <see cref="VoiceEventTypes.CallMachineGreetingEnded"/>.
/// A detection the node could not run (no model, bad settings) ends as not_sure with the node's error, so a client
/// waiting for the result is never left waiting.
/// </summary>
internal static class MachineDetectionCommands
{
    public static DetectMachineCommand ToMedia(DetectMachine detect, string id, string callId, DateTimeOffset now) => new()
    {
        Id = id,
        CallId = callId,
        IssuedAt = now,
        Mode = detect.Mode,
        TotalAnalysisTimeMs = detect.TotalAnalysisTimeMs,
        AfterGreetingSilenceMs = detect.AfterGreetingSilenceMs,
        GreetingDurationMs = detect.GreetingDurationMs,
        InitialSilenceMs = detect.InitialSilenceMs,
        BetweenWordsSilenceMs = detect.BetweenWordsSilenceMs,
        MaximumWordLengthMs = detect.MaximumWordLengthMs,
        MaximumNumberOfWords = detect.MaximumNumberOfWords,
        SilenceThreshold = detect.SilenceThreshold,
        GreetingSilenceDurationMs = detect.GreetingSilenceDurationMs,
        GreetingTotalAnalysisTimeMs = detect.GreetingTotalAnalysisTimeMs,
        BeepMinFrequencyHz = detect.BeepMinFrequencyHz,
        BeepMaxFrequencyHz = detect.BeepMaxFrequencyHz,
        BeepMinToneDurationMs = detect.BeepMinToneDurationMs,
        BeepMinPurity = detect.BeepMinPurity,
    };

    /// <summary>Reports the node's event of the detection tracked at <paramref name="index"/>; stops tracking when nothing more will come.</summary>
    public static void OnMediaEvent(CallStep step, int index, MediaEvent mediaEvent)
    {
        switch (mediaEvent)
        {
            case MachineDetectionEndedEvent ended:
                if (ended.Result != MachineDetectionModes.Machine)
                {
                    Untrack(step, index);
                }

                var hangUp = ended.Result == MachineDetectionModes.Machine && step.State.CommandMedia[index].HangupOnMachine;
                step.Publish(VoiceEventTypes.CallMachineDetectionEnded, new() { ["result"] = ended.Result, ["duration_ms"] = ended.DurationMs });
                if (hangUp)
                {
                    CallLifecycle.HangUp(step, CallStatus.Completed, "machine_detected");
                }

                break;
            case MachineGreetingEndedEvent greeting:
                Untrack(step, index);
                step.Publish(VoiceEventTypes.CallMachineGreetingEnded, new() { ["result"] = greeting.Result, ["duration_ms"] = greeting.DurationMs });
                break;
            case MediaErrorEvent error:
                Untrack(step, index);
                step.Publish(VoiceEventTypes.CallMachineDetectionEnded, new() { ["result"] = MachineDetectionModes.NotSure, ["error"] = error.Message });
                break;
        }
    }

    private static void Untrack(CallStep step, int index) =>
        step.State = step.State with { CommandMedia = step.State.CommandMedia.RemoveAt(index) };
}

using Microsoft.AspNetCore.Http;
using Voice.Api.Http;
using Voice.Core.Commands;

namespace Voice.Api.Vonage.Calls;

/// <summary>
/// <c>machine_detection</c> (continue | hangup) and <c>advanced_machine_detection</c> {behavior, mode default | detect |
/// detect_beep, beep_timeout 45..120} of a create-call request, as the engine's <see cref="DetectMachine"/> run on
/// answer. The result goes to event_url as Vonage's <c>machine</c>/<c>human</c> event; with hangup a machine is hung up.
/// </summary>
public static class VonageMachineDetection
{
    private static readonly string[] Behaviours = ["continue", "hangup"];
    private static readonly string[] Modes = ["default", "detect", "detect_beep"];

    public static (DetectMachine? Command, IResult? Unsupported) Read(BodyFields fields)
    {
        var simple = fields.OneOf("machine_detection", Behaviours);
        var advanced = fields.Nested("advanced_machine_detection");
        if (advanced is null)
        {
            return simple is null ? (null, null) : (Command(simple, DetectMachine.Detect, beepTimeoutSeconds: null), null);
        }

        fields.Require(simple is null, "advanced_machine_detection", "give either 'machine_detection' or 'advanced_machine_detection', not both");
        var behaviour = advanced.OneOf("behavior", Behaviours) ?? "continue";
        var mode = advanced.OneOf("mode", Modes) ?? "default";
        var beepTimeout = advanced.WholeNumber("beep_timeout", 45, 120);
        return (Command(behaviour, mode == "detect_beep" ? DetectMachine.DetectBeep : DetectMachine.Detect, beepTimeout), null);
    }

    private static DetectMachine Command(string behaviour, string mode, int? beepTimeoutSeconds) => new()
    {
        CommandId = "create:machine_detection",
        Mode = mode,
        HangupOnMachine = behaviour == "hangup",
        GreetingTotalAnalysisTimeMs = beepTimeoutSeconds * 1000,
    };
}

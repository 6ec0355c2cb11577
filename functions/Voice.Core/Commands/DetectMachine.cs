namespace Voice.Core.Commands;

/// <summary>
/// Answering-machine detection on an answered call: who answered (human, machine, not sure), and after a machine how
/// its greeting ended (beep, silence, not sure), reported as <c>call.machine.detection.ended</c> and
/// <c>call.machine.greeting.ended</c> engine events. Dialect-neutral: Telnyx's <c>answering_machine_detection</c>
/// and Vonage's <c>machine_detection</c> both map onto it. Null thresholds take the node's defaults
/// (docs/design.md).
/// </summary>
public sealed record DetectMachine : CallCommand
{
    /// <summary>Who answered only.</summary>
    public const string Detect = "detect";

    /// <summary>Also the greeting's end, reported only when a beep is heard.</summary>
    public const string DetectBeep = "detect_beep";

    /// <summary>Also the greeting's end: beep, ended by silence, or not sure.</summary>
    public const string GreetingEnd = "greeting_end";

    /// <summary><see cref="Detect"/>, <see cref="DetectBeep"/> or <see cref="GreetingEnd"/>.</summary>
    public string Mode { get; init; } = Detect;

    /// <summary>Hang up the call when a machine answered (Vonage's <c>machine_detection: hangup</c>).</summary>
    public bool HangupOnMachine { get; init; }

    public int? TotalAnalysisTimeMs { get; init; }

    public int? AfterGreetingSilenceMs { get; init; }

    public int? GreetingDurationMs { get; init; }

    public int? InitialSilenceMs { get; init; }

    public int? BetweenWordsSilenceMs { get; init; }

    public int? MaximumWordLengthMs { get; init; }

    public int? MaximumNumberOfWords { get; init; }

    public int? SilenceThreshold { get; init; }

    public int? GreetingSilenceDurationMs { get; init; }

    public int? GreetingTotalAnalysisTimeMs { get; init; }

    public int? BeepMinFrequencyHz { get; init; }

    public int? BeepMaxFrequencyHz { get; init; }

    public int? BeepMinToneDurationMs { get; init; }

    public double? BeepMinPurity { get; init; }
}

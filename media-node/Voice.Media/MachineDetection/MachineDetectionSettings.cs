namespace Voice.Media.MachineDetection;

/// <summary>
/// Thresholds of answering-machine detection, in the terms of the Telnyx/Asterisk AMD configuration. All times are
/// measured on the received audio from the moment detection starts (the answer).
/// </summary>
public sealed record MachineDetectionSettings
{
    /// <summary>Longest time to decide who answered; past it the result is not sure.</summary>
    public TimeSpan TotalAnalysisTime { get; init; } = TimeSpan.FromMilliseconds(3500);

    /// <summary>Silence after a greeting that makes it a human's (who now waits for a reply).</summary>
    public TimeSpan AfterGreetingSilence { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Longest greeting a human gives; a greeting still going on past it is a machine's.</summary>
    public TimeSpan GreetingDuration { get; init; } = TimeSpan.FromMilliseconds(1800);

    /// <summary>Silence before any speech that makes it a machine; null: silence until the analysis time is not sure.</summary>
    public TimeSpan? InitialSilence { get; init; }

    /// <summary>Longest single utterance (speech without a pause of <see cref="BetweenWordsSilence"/>) of a human.</summary>
    public TimeSpan MaximumWordLength { get; init; } = TimeSpan.FromMilliseconds(3500);

    /// <summary>More utterances than this in the greeting make it a machine's; null: not counted.</summary>
    public int? MaximumNumberOfWords { get; init; }

    /// <summary>Pause that separates two utterances (the VAD segmenter's minimum silence).</summary>
    public TimeSpan BetweenWordsSilence { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Mean absolute level (0..32767) below which a window is silence whatever the VAD says; 0 disables.</summary>
    public int SilenceThreshold { get; init; }

    /// <summary>Which greeting-end outcomes to report after a machine.</summary>
    public GreetingEndReporting GreetingEnd { get; init; } = GreetingEndReporting.None;

    /// <summary>Silence after a machine's greeting that ends it (when no beep came).</summary>
    public TimeSpan GreetingSilenceDuration { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Longest wait for the end of a machine's greeting, from the machine decision; past it: not sure.</summary>
    public TimeSpan GreetingTotalAnalysisTime { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>What counts as a beep.</summary>
    public BeepDetectorSettings Beep { get; init; } = new();
}

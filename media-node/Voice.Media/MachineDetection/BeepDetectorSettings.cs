namespace Voice.Media.MachineDetection;

/// <summary>What <see cref="BeepDetector"/> accepts as a voicemail beep: one steady tone, loud and pure enough.</summary>
public sealed record BeepDetectorSettings
{
    /// <summary>Lowest tone frequency (Hz).</summary>
    public int MinFrequency { get; init; } = 400;

    /// <summary>Highest tone frequency (Hz).</summary>
    public int MaxFrequency { get; init; } = 2000;

    /// <summary>Shortest tone.</summary>
    public TimeSpan MinDuration { get; init; } = TimeSpan.FromMilliseconds(160);

    /// <summary>
    /// Share (0..1) of a frame's energy that must lie at the tone's frequency. Rejects speech and dual tones such as
    /// ringback (440 + 480 Hz) or DTMF, whose energy is split.
    /// </summary>
    public double MinPurity { get; init; } = 0.7;

    /// <summary>Quietest tone, in dBm0.</summary>
    public double MinLevelDbm0 { get; init; } = -40;
}

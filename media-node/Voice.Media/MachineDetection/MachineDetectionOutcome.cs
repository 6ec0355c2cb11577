namespace Voice.Media.MachineDetection;

/// <summary>Who answered, and when (from the start of detection).</summary>
/// <param name="Result">Human, machine or not sure.</param>
/// <param name="After">Audio time from the start of detection to the decision.</param>
public sealed record MachineDetectionOutcome(MachineDetectionResult Result, TimeSpan After);

/// <summary>How a machine's greeting ended, and when (from the start of detection).</summary>
/// <param name="Result">Beep, ended by silence, or not sure.</param>
/// <param name="After">Audio time from the start of detection to the decision.</param>
public sealed record GreetingEndOutcome(GreetingEndResult Result, TimeSpan After);

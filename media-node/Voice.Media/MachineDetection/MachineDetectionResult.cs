namespace Voice.Media.MachineDetection;

/// <summary>Who answered, judged from the greeting's cadence.</summary>
public enum MachineDetectionResult
{
    /// <summary>A short greeting followed by silence (someone waiting for a reply).</summary>
    Human,

    /// <summary>A long greeting, a single very long utterance, many words, or a beep.</summary>
    Machine,

    /// <summary>No decision within the analysis time (for instance silence throughout).</summary>
    NotSure,
}

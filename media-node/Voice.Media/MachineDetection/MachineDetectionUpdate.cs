namespace Voice.Media.MachineDetection;

/// <summary>What one frame decided in <see cref="AnsweringMachineClassifier"/>.</summary>
[Flags]
public enum MachineDetectionUpdate
{
    /// <summary>Nothing new.</summary>
    None = 0,

    /// <summary>Who answered is now known (<see cref="AnsweringMachineClassifier.Result"/>).</summary>
    DetectionEnded = 1,

    /// <summary>How the greeting ended is now known (<see cref="AnsweringMachineClassifier.GreetingEnd"/>).</summary>
    GreetingEnded = 2,
}

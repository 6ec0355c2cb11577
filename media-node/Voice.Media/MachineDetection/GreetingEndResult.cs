namespace Voice.Media.MachineDetection;

/// <summary>How a machine's greeting ended.</summary>
public enum GreetingEndResult
{
    /// <summary>A voicemail beep was heard: record after it.</summary>
    BeepDetected,

    /// <summary>The greeting stopped and silence followed, with no beep.</summary>
    Ended,

    /// <summary>Neither within the greeting analysis time.</summary>
    NotSure,
}

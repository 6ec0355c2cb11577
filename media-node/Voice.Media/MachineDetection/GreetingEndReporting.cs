namespace Voice.Media.MachineDetection;

/// <summary>Which greeting-end outcomes a detection reports once a machine was detected.</summary>
public enum GreetingEndReporting
{
    /// <summary>None: only who answered.</summary>
    None,

    /// <summary>Only a beep (Telnyx <c>detect_beep</c>).</summary>
    BeepOnly,

    /// <summary>Beep, end by silence, or not sure (Telnyx <c>greeting_end</c>).</summary>
    All,
}

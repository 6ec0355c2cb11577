namespace Voice.Media.Speech;

/// <summary>Which audio of a call leg is listened to: what the caller says (inbound) or what the leg plays to them (outbound).</summary>
public enum SpeechTrack
{
    /// <summary>The audio received from the peer.</summary>
    Inbound,

    /// <summary>The audio sent to the peer.</summary>
    Outbound,
}

namespace Voice.Sip.UserAgent;

/// <summary>Where a call is in its life.</summary>
public enum SipCallState
{
    /// <summary>Outbound INVITE sent, no provisional response yet; or inbound INVITE received, not yet ringing.</summary>
    Calling,

    /// <summary>A provisional response (180/183) was sent or received.</summary>
    Ringing,

    /// <summary>Answered (2xx).</summary>
    Established,

    /// <summary>Over.</summary>
    Terminated,
}

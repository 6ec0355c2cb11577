namespace Voice.Sip.UserAgent;

/// <summary>How a REFER ended.</summary>
public enum SipReferResult
{
    /// <summary>The peer reported a 2xx from the target: the transfer happened.</summary>
    Succeeded,

    /// <summary>The peer accepted the REFER but its call to the target failed (a final sipfrag ≥ 300, or the subscription ended without a final one).</summary>
    Failed,

    /// <summary>The peer refused the REFER (a final response ≥ 300 to it, 408 when it never answered).</summary>
    Refused,

    /// <summary>No final NOTIFY arrived within <see cref="SipUserAgentOptions.ReferNotifyTimeout"/>.</summary>
    TimedOut,

    /// <summary>The call ended before a final NOTIFY.</summary>
    CallEnded,
}

/// <summary>The end of a REFER.</summary>
/// <param name="Result">What happened.</param>
/// <param name="ReferStatus">The final response to the REFER (202 when accepted), null when none arrived before the call ended.</param>
/// <param name="NotifyStatus">The last sipfrag status the peer reported, null when it sent none.</param>
public sealed record SipReferOutcome(SipReferResult Result, int? ReferStatus, int? NotifyStatus);

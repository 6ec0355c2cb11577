namespace Voice.Sip.UserAgent;

/// <summary>Maps final INVITE status codes to <see cref="SipCallEndReason"/>.</summary>
public static class SipCallEndReasons
{
    /// <summary>The reason for a final non-2xx status.</summary>
    public static SipCallEndReason FromStatus(int status) => status switch
    {
        486 or 600 => SipCallEndReason.Busy,
        480 or 408 => SipCallEndReason.NoAnswer,
        404 or 604 => SipCallEndReason.NotFound,
        603 => SipCallEndReason.Declined,
        487 => SipCallEndReason.Cancelled,
        _ => SipCallEndReason.Failed,
    };
}

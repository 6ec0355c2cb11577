namespace Voice.Sip.UserAgent;

/// <summary>Session timers (RFC 4028) of a <see cref="SipUserAgent"/>.</summary>
public sealed record SipSessionTimerSettings
{
    /// <summary>The session interval our INVITEs ask for (Session-Expires): 1800 s, RFC 4028's recommendation.</summary>
    public int IntervalSeconds { get; init; } = 1800;

    /// <summary>The smallest interval we accept (Min-SE); shorter requests get 422. RFC 4028 §4 floors it at 90 s.</summary>
    public int MinimumSeconds { get; init; } = 90;
}

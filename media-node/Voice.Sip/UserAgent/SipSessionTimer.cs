using Voice.Sip.Messages;

namespace Voice.Sip.UserAgent;

/// <summary>
/// A negotiated session timer (RFC 4028): the interval, who refreshes, and whether that is us. The refresher sends a
/// refresh at half the interval (§7.4); the other side sends BYE when none came by the interval minus
/// min(32 s, a third of it) (§10).
/// </summary>
public sealed record SipSessionTimer(int Seconds, SipRefresher Refresher, bool LocalIsUas)
{
    /// <summary>True when this side must send the refreshes.</summary>
    public bool LocalRefreshes => (Refresher == SipRefresher.Uas) == LocalIsUas;

    /// <summary>When the refresher sends its refresh, counted from the last one.</summary>
    public TimeSpan RefreshAfter => TimeSpan.FromSeconds(Seconds / 2.0);

    /// <summary>When the other side gives up on the session and sends BYE, counted from the last refresh.</summary>
    public TimeSpan ExpireAfter => TimeSpan.FromSeconds(Seconds - Math.Min(32.0, Seconds / 3.0));

    /// <summary>The Session-Expires header that states this timer.</summary>
    public SipSessionExpires Header => new(Seconds, Refresher);
}

namespace Voice.Sip.Messages;

/// <summary>Which side refreshes a session (the <c>refresher</c> parameter of Session-Expires, RFC 4028 §4).</summary>
public enum SipRefresher
{
    /// <summary>The side that sent the INVITE that created (or last refreshed) the session.</summary>
    Uac,

    /// <summary>The side that answered it.</summary>
    Uas,
}

namespace Voice.Sip.UserAgent;

/// <summary>Why a call ended (or never started), mapped from SIP outcomes.</summary>
public enum SipCallEndReason
{
    /// <summary>Not ended.</summary>
    None,

    /// <summary>We hung up.</summary>
    LocalHangup,

    /// <summary>The peer sent BYE.</summary>
    RemoteHangup,

    /// <summary>486 / 600.</summary>
    Busy,

    /// <summary>480 / 408, the ring timeout, or a transaction timeout.</summary>
    NoAnswer,

    /// <summary>404 / 604.</summary>
    NotFound,

    /// <summary>603.</summary>
    Declined,

    /// <summary>Cancelled before answer (by us, or by the caller for an inbound call).</summary>
    Cancelled,

    /// <summary>We rejected an inbound call.</summary>
    Rejected,

    /// <summary>The far end did not refresh the session before it expired (RFC 4028 §10); we sent BYE.</summary>
    SessionExpired,

    /// <summary>Any other failure (other status codes, transport errors, no ACK, no acceptable media).</summary>
    Failed,
}

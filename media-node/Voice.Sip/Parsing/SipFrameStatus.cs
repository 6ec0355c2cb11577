namespace Voice.Sip.Parsing;

/// <summary>What <see cref="SipStreamFramer"/> found at the start of a stream buffer.</summary>
public enum SipFrameStatus
{
    /// <summary>Not enough bytes yet for a complete message.</summary>
    NeedMore,

    /// <summary>A complete message of the returned length.</summary>
    Message,

    /// <summary>CRLF keep-alive octets (RFC 5626) to discard; the length says how many.</summary>
    KeepAlive,

    /// <summary>The stream cannot be framed (bad or conflicting Content-Length, oversized head): close it.</summary>
    Malformed,
}

namespace Voice.Sip.Sdp;

/// <summary>Media direction attributes (RFC 3264 §5.1, §6.1), from the point of view of the side that wrote them.</summary>
public enum SdpDirection
{
    /// <summary>Send and receive (the default when no attribute is present).</summary>
    SendRecv,

    /// <summary>Only send (e.g. the side that put the call on hold).</summary>
    SendOnly,

    /// <summary>Only receive.</summary>
    RecvOnly,

    /// <summary>Neither send nor receive.</summary>
    Inactive,
}

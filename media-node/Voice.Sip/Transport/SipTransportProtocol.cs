namespace Voice.Sip.Transport;

/// <summary>Transport protocols this stack speaks.</summary>
public enum SipTransportProtocol
{
    /// <summary>UDP (retransmissions by the transaction layer).</summary>
    Udp,

    /// <summary>TCP (reliable; Content-Length framing).</summary>
    Tcp,
}

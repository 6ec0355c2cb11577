namespace Voice.Sip.Sdp;

/// <summary>Conversions for <see cref="SdpDirection"/>.</summary>
public static class SdpDirections
{
    /// <summary>The attribute name (<c>sendrecv</c>, ...).</summary>
    public static string ToAttribute(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>Parses an attribute name; null when it is not a direction.</summary>
    public static SdpDirection? FromAttribute(string name) => name switch
    {
        "sendrecv" => SdpDirection.SendRecv,
        "sendonly" => SdpDirection.SendOnly,
        "recvonly" => SdpDirection.RecvOnly,
        "inactive" => SdpDirection.Inactive,
        _ => null,
    };

    /// <summary>The direction seen from the other side (sendonly ↔ recvonly).</summary>
    public static SdpDirection Reverse(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        _ => direction,
    };

    /// <summary>The strongest direction both allow: intersects the send/receive capabilities.</summary>
    public static SdpDirection Intersect(this SdpDirection a, SdpDirection b)
    {
        var send = a.CanSend() && b.CanSend();
        var receive = a.CanReceive() && b.CanReceive();
        return (send, receive) switch
        {
            (true, true) => SdpDirection.SendRecv,
            (true, false) => SdpDirection.SendOnly,
            (false, true) => SdpDirection.RecvOnly,
            _ => SdpDirection.Inactive,
        };
    }

    /// <summary>True for sendrecv and sendonly.</summary>
    public static bool CanSend(this SdpDirection direction) => direction is SdpDirection.SendRecv or SdpDirection.SendOnly;

    /// <summary>True for sendrecv and recvonly.</summary>
    public static bool CanReceive(this SdpDirection direction) => direction is SdpDirection.SendRecv or SdpDirection.RecvOnly;
}

namespace Voice.Sip.Sdp;

/// <summary>A <c>c=</c> line: <c>IN IP4 192.0.2.1</c>. <see cref="Address"/> may carry a <c>/ttl</c> suffix for multicast.</summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>An IPv4 connection line.</summary>
    public static SdpConnection IPv4(string address) => new("IN", "IP4", address);

    /// <summary>True for the RFC 2543 hold address 0.0.0.0.</summary>
    public bool IsNullAddress => Address == "0.0.0.0";

    /// <inheritdoc/>
    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}

namespace Voice.Sip.Sdp;

/// <summary>The <c>o=</c> line. <see cref="SessionVersion"/> must grow each time the session description changes (RFC 3264 §8).</summary>
public sealed record SdpOrigin(string Username, string SessionId, ulong SessionVersion, string NetworkType, string AddressType, string Address)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";
}

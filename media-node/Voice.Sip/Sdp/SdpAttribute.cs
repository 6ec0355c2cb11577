namespace Voice.Sip.Sdp;

/// <summary>An <c>a=</c> line: property attribute (<c>a=sendrecv</c>, null value) or value attribute (<c>a=rtpmap:0 PCMU/8000</c>).</summary>
public readonly record struct SdpAttribute(string Name, string? Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}

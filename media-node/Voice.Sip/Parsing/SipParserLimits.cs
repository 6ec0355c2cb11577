namespace Voice.Sip.Parsing;

/// <summary>Size limits the parser enforces before doing any work; anything larger is rejected, not truncated.</summary>
public sealed record SipParserLimits
{
    /// <summary>Defaults suitable for a media node: 64 KiB messages, 128 header fields, 8 KiB per header field.</summary>
    public static SipParserLimits Default { get; } = new();

    /// <summary>Largest accepted message (start line, headers and body).</summary>
    public int MaxMessageBytes { get; init; } = 65_535;

    /// <summary>Largest number of header fields (lines, after unfolding).</summary>
    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>Longest header field or start line, in characters after unfolding.</summary>
    public int MaxHeaderLength { get; init; } = 8_192;
}

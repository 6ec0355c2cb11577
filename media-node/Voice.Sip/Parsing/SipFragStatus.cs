using System.Text;

namespace Voice.Sip.Parsing;

/// <summary>
/// The status line a <c>message/sipfrag</c> body (RFC 3420) starts with, as a REFER's NOTIFY carries it (RFC 3515
/// §2.4.5: "SIP/2.0 180 Ringing"). Only the first line is read; the headers a sipfrag may carry after it are ignored.
/// </summary>
/// <param name="StatusCode">100–699.</param>
/// <param name="ReasonPhrase">The reason phrase (may be empty).</param>
public readonly record struct SipFragStatus(int StatusCode, string ReasonPhrase)
{
    /// <summary>Longest status line accepted; a reason phrase is a few words.</summary>
    public const int MaxLineLength = 512;

    /// <summary>True for 2xx–6xx: the referred request's final answer.</summary>
    public bool IsFinal => StatusCode >= 200;

    /// <summary>
    /// Reads <c>SIP-Version SP 3DIGIT SP Reason-Phrase</c> from the start of <paramref name="body"/>, up to CRLF, LF or the
    /// end. False (never throws) for an empty body, a request line, another version, a code outside 100–699, a line
    /// longer than <see cref="MaxLineLength"/>, control characters or invalid UTF-8 in the reason.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out SipFragStatus status)
    {
        status = default;
        var end = body.IndexOfAny((byte)'\r', (byte)'\n');
        var line = end < 0 ? body : body[..end];
        if (line.Length > MaxLineLength || !line.StartsWith("SIP/2.0 "u8))
        {
            return false;
        }

        var rest = line["SIP/2.0 ".Length..];
        if (rest.Length < 3 || !IsDigit(rest[0]) || !IsDigit(rest[1]) || !IsDigit(rest[2]) || (rest.Length > 3 && rest[3] != (byte)' '))
        {
            return false;
        }

        var code = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
        if (code is < 100 or > 699)
        {
            return false;
        }

        var reason = rest.Length > 4 ? rest[4..] : [];
        foreach (var b in reason)
        {
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7f)
            {
                return false;
            }
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(reason);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        status = new SipFragStatus(code, text);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"SIP/2.0 {StatusCode} {ReasonPhrase}";

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}

namespace Voice.Sip.Messages;

/// <summary>The CSeq header: a sequence number below 2^31 and a method (RFC 3261 §8.1.1.5, §20.16).</summary>
public readonly record struct SipCSeq(long Number, string Method)
{
    /// <summary>Largest valid sequence number.</summary>
    public const long MaxNumber = int.MaxValue;

    /// <summary>Parses <c>1*DIGIT LWS Method</c>; false for overlarge numbers or a bad method token.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipCSeq cseq)
    {
        cseq = default;
        text = SipCharacters.TrimWhitespace(text);
        var space = text.IndexOfAny(' ', '\t');
        if (space < 0)
        {
            return false;
        }

        var method = SipCharacters.TrimWhitespace(text[space..]);
        if (!SipCharacters.TryParseBounded(text[..space], MaxNumber, out var number) || !SipCharacters.IsToken(method))
        {
            return false;
        }

        cseq = new SipCSeq(number, method.ToString());
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Number} {Method}";
}

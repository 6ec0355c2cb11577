namespace Voice.Sip.Messages;

/// <summary>Character classes of the RFC 3261 §25 grammar, used by every parser in the stack.</summary>
public static class SipCharacters
{
    /// <summary>True for RFC 3261 <c>token</c> characters (alphanum and <c>-.!%*_+`'~</c>).</summary>
    public static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    /// <summary>True when <paramref name="text"/> is a non-empty token.</summary>
    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for space and horizontal tab.</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    /// <summary>True when <paramref name="text"/> is one or more ASCII digits.</summary>
    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses an unsigned decimal that must fit in <paramref name="max"/>; leading zeros allowed.</summary>
    public static bool TryParseBounded(ReadOnlySpan<char> text, long max, out long value)
    {
        value = 0;
        if (!IsDigits(text))
        {
            return false;
        }

        foreach (var c in text)
        {
            value = (value * 10) + (c - '0');
            if (value > max)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trims spaces and tabs at both ends.</summary>
    public static ReadOnlySpan<char> TrimWhitespace(ReadOnlySpan<char> text) => text.Trim(" \t");
}

using System.Text;

namespace Voice.Sip.Messages;

/// <summary>RFC 3261 quoted strings: <c>DQUOTE *(qdtext / quoted-pair) DQUOTE</c> with <c>\</c> escapes.</summary>
public static class SipQuotedString
{
    /// <summary>
    /// Finds the closing quote of the quoted string that opens at <paramref name="start"/>. False when the string
    /// is unterminated or an escape is cut off.
    /// </summary>
    public static bool TryFindEnd(ReadOnlySpan<char> text, int start, out int end)
    {
        end = -1;
        if (start >= text.Length || text[start] != '"')
        {
            return false;
        }

        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is '\r' or '\n')
                {
                    return false;
                }

                i++;
            }
            else if (c == '"')
            {
                end = i;
                return true;
            }
            else if (c is '\r' or '\n')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The content of a quoted string (quotes removed, escapes resolved); text without quotes is returned as is.</summary>
    public static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length - 1)
            {
                i++;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }

    /// <summary>Wraps <paramref name="text"/> in quotes, escaping <c>"</c> and <c>\</c>.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }
}

using Voice.Sip.Messages;

namespace Voice.Sip.Auth;

/// <summary>Parses <c>Scheme name=value, name="quoted value", ...</c> as used by the authentication headers.</summary>
public static class DigestParameters
{
    /// <summary>Splits a credentials or challenge header value into its scheme and (lower-cased name) parameters.</summary>
    public static bool TryParse(string headerValue, out string scheme, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = SipCharacters.TrimWhitespace(headerValue.AsSpan());
        var space = text.IndexOfAny(' ', '\t');
        scheme = (space < 0 ? text : text[..space]).ToString();
        if (!SipCharacters.IsToken(scheme))
        {
            return false;
        }

        var elements = new List<string>();
        if (space >= 0)
        {
            SipListSplitter.Split(text[space..].ToString(), elements);
        }

        foreach (var element in elements)
        {
            if (element.Length == 0)
            {
                continue;
            }

            var eq = element.IndexOf('=');
            if (eq <= 0)
            {
                return false;
            }

            var name = SipCharacters.TrimWhitespace(element.AsSpan(0, eq)).ToString();
            var value = SipCharacters.TrimWhitespace(element.AsSpan(eq + 1)).ToString();
            if (value.StartsWith('"'))
            {
                if (!SipQuotedString.TryFindEnd(value, 0, out var end) || end != value.Length - 1)
                {
                    return false;
                }

                value = SipQuotedString.Unquote(value);
            }

            parameters[name] = value;
        }

        return true;
    }
}

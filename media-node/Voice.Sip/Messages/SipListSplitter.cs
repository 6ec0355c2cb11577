namespace Voice.Sip.Messages;

/// <summary>Splits a comma-separated header value at commas that are outside quoted strings and angle brackets.</summary>
public static class SipListSplitter
{
    /// <summary>Adds each trimmed element of <paramref name="value"/> to <paramref name="into"/>.</summary>
    public static void Split(string value, List<string> into)
    {
        var start = 0;
        var inQuotes = false;
        var inBrackets = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == '<')
            {
                inBrackets = true;
            }
            else if (c == '>')
            {
                inBrackets = false;
            }
            else if (c == ',' && !inBrackets)
            {
                into.Add(SipCharacters.TrimWhitespace(value.AsSpan(start, i - start)).ToString());
                start = i + 1;
            }
        }

        into.Add(SipCharacters.TrimWhitespace(value.AsSpan(start)).ToString());
    }
}

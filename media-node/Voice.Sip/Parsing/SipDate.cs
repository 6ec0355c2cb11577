using Voice.Sip.Messages;

namespace Voice.Sip.Parsing;

/// <summary>Validates the RFC 3261 §25.1 <c>SIP-date</c> (RFC 1123 form, always GMT), e.g. <c>Sat, 13 Nov 2010 23:29:00 GMT</c>.</summary>
public static class SipDate
{
    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>True when <paramref name="text"/> is exactly <c>wkday, DD Mon YYYY HH:MM:SS GMT</c>.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        // "Sat, 13 Nov 2010 23:29:00 GMT" is 29 characters with fixed positions.
        if (text.Length != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' || text[16] != ' '
            || text[19] != ':' || text[22] != ':' || text[25] != ' ' || !text[26..].SequenceEqual("GMT"))
        {
            return false;
        }

        return Array.IndexOf(Days, text[..3].ToString()) >= 0
            && Array.IndexOf(Months, text[8..11].ToString()) >= 0
            && SipCharacters.IsDigits(text[5..7]) && SipCharacters.IsDigits(text[12..16]) && SipCharacters.IsDigits(text[17..19]) && SipCharacters.IsDigits(text[20..22]) && SipCharacters.IsDigits(text[23..25]);
    }
}

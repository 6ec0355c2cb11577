namespace Voice.Sip.Messages;

/// <summary>
/// The <c>delta-seconds *(SEMI generic-param)</c> shape shared by Session-Expires and Min-SE (RFC 4028 §4, §5).
/// Values past 2^31-1 are refused rather than clamped: no session lasts 68 years, so such a value is a broken peer.
/// </summary>
internal static class SipDeltaSeconds
{
    public static bool TryParse(ReadOnlySpan<char> text, out int seconds, out SipParameters parameters)
    {
        seconds = 0;
        parameters = null!;
        text = SipCharacters.TrimWhitespace(text);
        var semi = text.IndexOf(';');
        var number = SipCharacters.TrimWhitespace(semi < 0 ? text : text[..semi]);
        if (!SipCharacters.TryParseBounded(number, int.MaxValue, out var value)
            || !SipParameters.TryParseHeaderParameters(semi < 0 ? [] : text[semi..], out parameters))
        {
            return false;
        }

        seconds = (int)value;
        return true;
    }
}

namespace Voice.Sip.Messages;

/// <summary>The Min-SE header (RFC 4028 §5): the smallest session interval a side accepts, in seconds.</summary>
public static class SipMinSe
{
    public const string HeaderName = "Min-SE";

    /// <summary>Parses <c>delta-seconds *(SEMI generic-param)</c>; false (never throws) when malformed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int seconds) => SipDeltaSeconds.TryParse(text, out seconds, out _);
}

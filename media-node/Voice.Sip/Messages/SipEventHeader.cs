namespace Voice.Sip.Messages;

/// <summary>
/// The Event header (RFC 6665 §8.2.1): an event package and its optional <c>id</c>. A REFER's NOTIFYs say
/// <c>Event: refer</c>, with <c>id</c> = the REFER's CSeq number when the dialog has seen more than one REFER (RFC 3515 §2.4.6).
/// </summary>
public sealed record SipEventHeader(string Package, string? Id)
{
    /// <summary>The package of a REFER's implicit subscription.</summary>
    public const string ReferPackage = "refer";

    /// <summary>Parses <c>event-type *( SEMI event-param )</c>; false (never throws) for an empty or non-token package or malformed parameters.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipEventHeader header)
    {
        header = null!;
        text = SipCharacters.TrimWhitespace(text);
        var semi = text.IndexOf(';');
        var package = SipCharacters.TrimWhitespace(semi < 0 ? text : text[..semi]);
        if (package.IsEmpty || !SipCharacters.IsToken(package) || !SipParameters.TryParseHeaderParameters(semi < 0 ? [] : text[semi..], out var parameters))
        {
            return false;
        }

        header = new SipEventHeader(package.ToString().ToLowerInvariant(), parameters.Get("id"));
        return true;
    }
}

using System.Text;

namespace Voice.Sip.Messages;

/// <summary>
/// A <c>name-addr</c> or <c>addr-spec</c> with header parameters: the value of From, To, Contact, Route,
/// Record-Route (RFC 3261 §20.10, §25.1). Also represents <c>Contact: *</c> (<see cref="IsWildcard"/>).
/// </summary>
public sealed class SipAddress
{
    /// <summary>Creates an address; <paramref name="displayName"/> is plain text (quoted on output).</summary>
    public SipAddress(SipUri uri, string? displayName = null, SipParameters? parameters = null)
    {
        Uri = uri;
        DisplayNameRaw = string.IsNullOrEmpty(displayName) ? null : SipQuotedString.Quote(displayName);
        Parameters = parameters ?? new SipParameters();
    }

    private SipAddress(SipUri? uri, string? displayNameRaw, SipParameters parameters, bool wildcard)
    {
        Uri = uri!;
        DisplayNameRaw = displayNameRaw;
        Parameters = parameters;
        IsWildcard = wildcard;
    }

    /// <summary>The URI (null only for a wildcard Contact).</summary>
    public SipUri Uri { get; }

    /// <summary>The display name as written: a quoted string with its quotes, or a run of tokens; null if none.</summary>
    public string? DisplayNameRaw { get; }

    /// <summary>The display name as text (unquoted, escapes resolved).</summary>
    public string? DisplayName => DisplayNameRaw is null ? null : SipQuotedString.Unquote(DisplayNameRaw);

    /// <summary>Header parameters after the address (<c>tag</c>, <c>expires</c>, <c>q</c>, ...).</summary>
    public SipParameters Parameters { get; }

    /// <summary>True for <c>Contact: *</c>.</summary>
    public bool IsWildcard { get; }

    /// <summary>The <c>tag</c> parameter, if present.</summary>
    public string? Tag => Parameters.Get("tag");

    /// <summary>A copy with the given tag (used when a UAS adds its To tag).</summary>
    public SipAddress WithTag(string tag)
    {
        var parameters = Parameters.Clone();
        parameters.Set("tag", tag);
        return new SipAddress(Uri, DisplayNameRaw, parameters, IsWildcard);
    }

    /// <summary>
    /// Parses a single address. Rejects unbalanced quotes, non-token display names that are not quoted, whitespace
    /// inside <c>&lt;&gt;</c>, and an unbracketed URI containing <c>?</c> or <c>,</c> (RFC 3261 §20.10).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipAddress address)
    {
        address = null!;
        text = SipCharacters.TrimWhitespace(text);
        if (text.IsEmpty)
        {
            return false;
        }

        if (text.Length == 1 && text[0] == '*')
        {
            address = new SipAddress(null, null, new SipParameters(), wildcard: true);
            return true;
        }

        string? display = null;
        int open;
        if (text[0] == '"')
        {
            if (!SipQuotedString.TryFindEnd(text, 0, out var end))
            {
                return false;
            }

            display = text[..(end + 1)].ToString();
            open = end + 1;
            while (open < text.Length && SipCharacters.IsWhitespace(text[open]))
            {
                open++;
            }

            if (open >= text.Length || text[open] != '<')
            {
                return false;
            }
        }
        else
        {
            open = 0;
            while (open < text.Length && (SipCharacters.IsTokenChar(text[open]) || SipCharacters.IsWhitespace(text[open])))
            {
                open++;
            }

            if (open < text.Length && text[open] == '<')
            {
                var tokens = SipCharacters.TrimWhitespace(text[..open]);
                display = tokens.IsEmpty ? null : tokens.ToString();
            }
            else
            {
                return TryParseAddrSpec(text, out address);
            }
        }

        var close = text[open..].IndexOf('>');
        if (close < 0)
        {
            return false;
        }

        close += open;
        var uriText = text[(open + 1)..close];
        if (!SipUri.TryParse(uriText, out var uri) || !SipParameters.TryParseHeaderParameters(text[(close + 1)..], out var parameters))
        {
            return false;
        }

        address = new SipAddress(uri, display, parameters, wildcard: false);
        return true;
    }

    /// <summary>Parses an address or returns null.</summary>
    public static SipAddress? Parse(string text) => TryParse(text, out var address) ? address : null;

    /// <summary>Canonical form: <c>display &lt;uri&gt;;params</c> (always bracketed).</summary>
    public override string ToString()
    {
        if (IsWildcard)
        {
            return "*";
        }

        var builder = new StringBuilder();
        if (DisplayNameRaw is not null)
        {
            builder.Append(DisplayNameRaw).Append(' ');
        }

        builder.Append('<').Append(Uri.ToString()).Append('>');
        Parameters.AppendTo(builder);
        return builder.ToString();
    }

    private static bool TryParseAddrSpec(ReadOnlySpan<char> text, out SipAddress address)
    {
        address = null!;
        var end = text.IndexOfAny(";, \t");
        var uriText = end < 0 ? text : text[..end];
        if (uriText.IndexOfAny("?,") >= 0 || (end >= 0 && text[end] == ',') || !SipUri.TryParse(uriText, out var uri))
        {
            return false;
        }

        if (!SipParameters.TryParseHeaderParameters(end < 0 ? [] : text[end..], out var parameters))
        {
            return false;
        }

        address = new SipAddress(uri, null, parameters, wildcard: false);
        return true;
    }
}

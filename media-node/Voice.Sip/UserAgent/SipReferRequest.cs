using System.Text;
using Voice.Sip.Messages;

namespace Voice.Sip.UserAgent;

/// <summary>
/// What to ask the peer of an established call to do with a REFER (RFC 3515, blind transfer): call
/// <see cref="Target"/>. <see cref="TargetHeaders"/> travel inside Refer-To as URI headers, which the peer copies into
/// its INVITE (RFC 3261 §19.1.5; User-to-User this way, RFC 7433 §4.3); <see cref="Headers"/> go on the REFER itself.
/// </summary>
public sealed record SipReferRequest
{
    /// <summary>Where the peer is to call (a sip: or sips: URI without headers of its own).</summary>
    public required SipUri Target { get; init; }

    /// <summary>Headers the peer should put in its INVITE to the target.</summary>
    public IReadOnlyList<SipHeader> TargetHeaders { get; init; } = [];

    /// <summary>Who asks for the transfer (RFC 3892); our own address in the dialog when null.</summary>
    public SipAddress? ReferredBy { get; init; }

    /// <summary>Extra headers of the REFER request.</summary>
    public IReadOnlyList<SipHeader> Headers { get; init; } = [];

    /// <summary>The Refer-To value: the target in angle brackets, with <see cref="TargetHeaders"/> as escaped URI headers.</summary>
    public string ReferToValue()
    {
        var builder = new StringBuilder("<").Append(Target);
        var separator = '?';
        foreach (var header in TargetHeaders)
        {
            builder.Append(separator).Append(Escape(header.Name)).Append('=').Append(Escape(header.Value));
            separator = '&';
        }

        return builder.Append('>').ToString();
    }

    // hname / hvalue = *( hnv-unreserved / unreserved / escaped ); escaping everything else is always correct.
    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-_.!~*'()[]/?:+$".Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}

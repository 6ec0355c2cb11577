using System.Text;
using Voice.Sip.Messages;

namespace Voice.Sip.Auth;

/// <summary>
/// A Digest challenge from WWW-Authenticate or Proxy-Authenticate (RFC 2617, RFC 7616 for SHA-256).
/// </summary>
public sealed record DigestChallenge
{
    /// <summary>Protection realm.</summary>
    public required string Realm { get; init; }

    /// <summary>Server nonce.</summary>
    public required string Nonce { get; init; }

    /// <summary>Opaque value to echo back, if any.</summary>
    public string? Opaque { get; init; }

    /// <summary><c>MD5</c> (default) or <c>SHA-256</c>; the <c>-sess</c> variants are not supported.</summary>
    public string Algorithm { get; init; } = "MD5";

    /// <summary>Offered qop values (e.g. <c>auth</c>); empty for RFC 2069-style challenges.</summary>
    public IReadOnlyList<string> Qop { get; init; } = [];

    /// <summary>True when the server says the previous nonce was merely stale.</summary>
    public bool Stale { get; init; }

    /// <summary>
    /// Parses a header value such as <c>Digest realm="x", nonce="y", qop="auth"</c>. False for other schemes or
    /// when realm/nonce are missing. Never throws.
    /// </summary>
    public static bool TryParse(string headerValue, out DigestChallenge challenge)
    {
        challenge = null!;
        if (!DigestParameters.TryParse(headerValue, out var scheme, out var parameters) || !scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!parameters.TryGetValue("realm", out var realm) || !parameters.TryGetValue("nonce", out var nonce))
        {
            return false;
        }

        var qop = new List<string>();
        if (parameters.TryGetValue("qop", out var qopText))
        {
            foreach (var q in qopText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                qop.Add(q);
            }
        }

        challenge = new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = parameters.GetValueOrDefault("opaque"),
            Algorithm = parameters.GetValueOrDefault("algorithm") ?? "MD5",
            Qop = qop,
            Stale = parameters.GetValueOrDefault("stale")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true,
        };
        return true;
    }

    /// <summary>The header value for this challenge.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("Digest realm=").Append(SipQuotedString.Quote(Realm))
            .Append(", nonce=").Append(SipQuotedString.Quote(Nonce))
            .Append(", algorithm=").Append(Algorithm);
        if (Qop.Count > 0)
        {
            builder.Append(", qop=").Append(SipQuotedString.Quote(string.Join(",", Qop)));
        }

        if (Opaque is not null)
        {
            builder.Append(", opaque=").Append(SipQuotedString.Quote(Opaque));
        }

        if (Stale)
        {
            builder.Append(", stale=true");
        }

        return builder.ToString();
    }
}

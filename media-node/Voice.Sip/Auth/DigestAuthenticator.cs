using System.Security.Cryptography;
using System.Text;
using Voice.Sip.Messages;

namespace Voice.Sip.Auth;

/// <summary>
/// Computes Digest responses (RFC 2617 / RFC 7616): MD5 or SHA-256, with <c>qop=auth</c> when offered (nonce
/// count and client nonce included) or the RFC 2069 form otherwise. Also verifies responses for a UAS that
/// challenges. <c>auth-int</c> and <c>-sess</c> algorithms are not supported.
/// </summary>
public static class DigestAuthenticator
{
    /// <summary>True when the challenge's algorithm is one this class can answer.</summary>
    public static bool Supports(DigestChallenge challenge) =>
        challenge.Algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase)
        || challenge.Algorithm.Equals("SHA-256", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The Authorization / Proxy-Authorization header value answering <paramref name="challenge"/> for a request
    /// with <paramref name="method"/> and <paramref name="uri"/>. <paramref name="nonceCount"/> counts uses of this nonce.
    /// </summary>
    public static string CreateAuthorization(DigestChallenge challenge, SipCredentials credentials, string method, string uri, int nonceCount = 1, string? cnonce = null)
    {
        var useQop = challenge.Qop.Any(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase));
        var nc = nonceCount.ToString("x8");
        cnonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var response = ComputeResponse(challenge.Algorithm, credentials.Username, credentials.Password, challenge.Realm, challenge.Nonce, method, uri, useQop ? nc : null, useQop ? cnonce : null);
        var builder = new StringBuilder("Digest username=").Append(SipQuotedString.Quote(credentials.Username))
            .Append(", realm=").Append(SipQuotedString.Quote(challenge.Realm))
            .Append(", nonce=").Append(SipQuotedString.Quote(challenge.Nonce))
            .Append(", uri=").Append(SipQuotedString.Quote(uri))
            .Append(", response=").Append(SipQuotedString.Quote(response))
            .Append(", algorithm=").Append(challenge.Algorithm);
        if (useQop)
        {
            builder.Append(", qop=auth, nc=").Append(nc).Append(", cnonce=").Append(SipQuotedString.Quote(cnonce));
        }

        if (challenge.Opaque is not null)
        {
            builder.Append(", opaque=").Append(SipQuotedString.Quote(challenge.Opaque));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Checks an Authorization header value against the expected password (server side). False (never throws)
    /// for other schemes, a different realm or nonce, or a wrong response.
    /// </summary>
    public static bool Verify(string authorizationValue, string method, string realm, string nonce, SipCredentials credentials)
    {
        if (!DigestParameters.TryParse(authorizationValue, out var scheme, out var p) || !scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (p.GetValueOrDefault("realm") != realm || p.GetValueOrDefault("nonce") != nonce
            || p.GetValueOrDefault("username") != credentials.Username || p.GetValueOrDefault("uri") is not { } uri
            || p.GetValueOrDefault("response") is not { } response)
        {
            return false;
        }

        var algorithm = p.GetValueOrDefault("algorithm") ?? "MD5";
        var qop = p.GetValueOrDefault("qop");
        if (qop is not null && !qop.Equals("auth", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var expected = ComputeResponse(algorithm, credentials.Username, credentials.Password, realm, nonce, method, uri, qop is null ? null : p.GetValueOrDefault("nc"), qop is null ? null : p.GetValueOrDefault("cnonce"));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response.ToLowerInvariant()));
    }

    /// <summary>The request-digest: H(HA1:nonce[:nc:cnonce:auth]:HA2).</summary>
    public static string ComputeResponse(string algorithm, string username, string password, string realm, string nonce, string method, string uri, string? nc, string? cnonce)
    {
        var ha1 = Hash(algorithm, $"{username}:{realm}:{password}");
        var ha2 = Hash(algorithm, $"{method}:{uri}");
        return nc is null || cnonce is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
    }

    private static string Hash(string algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        // MD5 is what RFC 2617 Digest and most SIP trunks still require; it is not used for anything else.
#pragma warning disable CA5351
        var digest = algorithm.Equals("SHA-256", StringComparison.OrdinalIgnoreCase) ? SHA256.HashData(bytes) : MD5.HashData(bytes);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(digest);
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Voice.Api.Vonage.Auth;

/// <summary>
/// A compact JWS as Vonage's SDKs send it (compat-notes §B.1): three base64url parts, header <c>{"alg":"RS256"}</c>,
/// claims <c>application_id</c>, <c>iat</c>, <c>exp</c>, <c>jti</c>, optionally <c>nbf</c>, <c>sub</c>, <c>acl</c>.
/// Reading checks the shape only; <see cref="VerifiesWith"/> checks the signature.
/// </summary>
public sealed class VonageJwt
{
    private const int MaxTokenLength = 8 * 1024;

    private VonageJwt(string algorithm, JsonElement claims, byte[] signedPart, byte[] signature)
    {
        Algorithm = algorithm;
        Claims = claims;
        SignedPart = signedPart;
        Signature = signature;
    }

    /// <summary>The header's <c>alg</c>, as sent.</summary>
    public string Algorithm { get; }

    /// <summary>The claims object (a clone: it outlives the parse).</summary>
    public JsonElement Claims { get; }

    private byte[] SignedPart { get; }

    private byte[] Signature { get; }

    public string? ApplicationId => StringClaim("application_id");

    public string? Jti => StringClaim("jti");

    public long? IssuedAt => NumberClaim("iat");

    public long? Expires => NumberClaim("exp");

    public long? NotBefore => NumberClaim("nbf");

    /// <summary>A token, or null with <paramref name="problem"/> saying what is malformed.</summary>
    public static VonageJwt? TryRead(string token, out string problem)
    {
        problem = "";
        if (token.Length > MaxTokenLength)
        {
            problem = "the token is too long";
            return null;
        }

        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || token.IndexOf('.', second + 1) >= 0)
        {
            problem = "the token is not a JWT (header.claims.signature)";
            return null;
        }

        var header = Decode(token.AsSpan(0, first));
        var claims = Decode(token.AsSpan(first + 1, second - first - 1));
        var signature = Decode(token.AsSpan(second + 1));
        if (header is null || claims is null || signature is null)
        {
            problem = "a part of the token is not base64url";
            return null;
        }

        try
        {
            using var headerJson = JsonDocument.Parse(header);
            using var claimsJson = JsonDocument.Parse(claims);
            if (headerJson.RootElement.ValueKind != JsonValueKind.Object || claimsJson.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "the token's header and claims must be JSON objects";
                return null;
            }

            var algorithm = headerJson.RootElement.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString()! : "";
            return new VonageJwt(algorithm, claimsJson.RootElement.Clone(), Encoding.ASCII.GetBytes(token[..second]), signature);
        }
        catch (JsonException)
        {
            problem = "the token's header or claims are not JSON";
            return null;
        }
    }

    /// <summary>True when the RS256 signature verifies with one of <paramref name="publicKeysPem"/>.</summary>
    public bool VerifiesWith(IEnumerable<string> publicKeysPem)
    {
        foreach (var pem in publicKeysPem)
        {
            using var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                continue;
            }

            if (rsa.VerifyData(SignedPart, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return true;
            }
        }

        return false;
    }

    private string? StringClaim(string name) =>
        Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private long? NumberClaim(string name) =>
        Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            ? (long)Math.Floor(number)
            : null;

    private static byte[]? Decode(ReadOnlySpan<char> part)
    {
        foreach (var c in part)
        {
            // Base64Url.TryDecodeFromChars throws on characters outside the alphabet instead of answering false.
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return null;
            }
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        return Base64Url.TryDecodeFromChars(part, bytes, out var written) ? bytes[..written] : null;
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Voice.Api.Vonage.Webhooks;

/// <summary>
/// Vonage's signed callbacks (compat-notes §B.4): <c>Authorization: Bearer &lt;JWT HS256&gt;</c> signed with the account's
/// signature secret, claims <c>iat</c>, <c>jti</c>, <c>iss: "Vonage"</c>, <c>payload_hash</c> (hex SHA-256 of the body;
/// for a GET, of the query's fields as JSON), <c>api_key</c> (the account) and <c>application_id</c>. Verifiable with
/// <c>@vonage/jwt</c> <c>verifySignature(token, secret)</c>.
/// </summary>
public static class VonageCallbackSigner
{
    public static string Token(string secret, string accountId, string? applicationId, ReadOnlySpan<byte> signedContent, DateTimeOffset now)
    {
        var header = Encode(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var claims = new JsonObject
        {
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = "Vonage",
            ["payload_hash"] = Convert.ToHexStringLower(SHA256.HashData(signedContent)),
            ["api_key"] = accountId,
            ["application_id"] = applicationId,
        };
        var signingInput = header + "." + Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Encode(signature);
    }

    private static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}

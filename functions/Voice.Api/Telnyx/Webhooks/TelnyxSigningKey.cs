using NSec.Cryptography;

namespace Voice.Api.Telnyx;

/// <summary>
/// An account's Ed25519 key pair for Telnyx webhook signatures. <see cref="PublicKey"/> is the form the SDK's
/// <c>webhooks.unwrap(body, {headers, key})</c> and <c>TELNYX_PUBLIC_KEY</c> take: strict padded base64 of the raw
/// 32-byte public key (44 characters; not PEM, not SPKI). <see cref="PrivateKey"/> is the raw 32-byte private key
/// (the seed), base64; it never leaves the server.
/// </summary>
public sealed record TelnyxSigningKey(string AccountId, string PublicKey, string PrivateKey, DateTimeOffset CreatedAt)
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    /// <summary>A new random key pair.</summary>
    public static TelnyxSigningKey Generate(string accountId, DateTimeOffset now)
    {
        using var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new TelnyxSigningKey(
            accountId,
            Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            Convert.ToBase64String(key.Export(KeyBlobFormat.RawPrivateKey)),
            now);
    }
}

using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Voice.Api.Telnyx;

/// <summary>
/// Signs a Telnyx webhook as Telnyx does (compat-notes §A.5): <c>telnyx-signature-ed25519</c> is the base64 of the
/// 64-byte Ed25519 signature of the UTF-8 bytes <c>"{timestamp}|{body}"</c>, <c>telnyx-timestamp</c> the unix time in
/// seconds. Sign the exact bytes that are sent: the SDK verifies the raw body, and rejects timestamps more than 300 s
/// from its clock.
/// </summary>
public static class TelnyxWebhookSigner
{
    public const string SignatureHeader = "telnyx-signature-ed25519";
    public const string TimestampHeader = "telnyx-timestamp";

    /// <summary>The two header values for <paramref name="body"/> sent at <paramref name="now"/>.</summary>
    public static TelnyxWebhookSignature Sign(TelnyxSigningKey key, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var privateKey = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(key.PrivateKey), KeyBlobFormat.RawPrivateKey);
        var signature = SignatureAlgorithm.Ed25519.Sign(privateKey, SignedMessage(timestamp, body));
        return new TelnyxWebhookSignature(Convert.ToBase64String(signature), timestamp);
    }

    /// <summary>Whether <paramref name="signature"/> is <paramref name="publicKey"/>'s (base64, raw 32 bytes) over the message; the tests' check.</summary>
    public static bool Verify(string publicKey, ReadOnlySpan<byte> body, TelnyxWebhookSignature signature)
    {
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(publicKey), KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(key, SignedMessage(signature.Timestamp, body), Convert.FromBase64String(signature.Signature));
    }

    private static byte[] SignedMessage(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetByteCount(timestamp) + 1;
        var message = new byte[prefix + body.Length];
        Encoding.UTF8.GetBytes(timestamp, message);
        message[prefix - 1] = (byte)'|';
        body.CopyTo(message.AsSpan(prefix));
        return message;
    }
}

/// <summary>The values of <c>telnyx-signature-ed25519</c> and <c>telnyx-timestamp</c> for one delivery.</summary>
public sealed record TelnyxWebhookSignature(string Signature, string Timestamp);

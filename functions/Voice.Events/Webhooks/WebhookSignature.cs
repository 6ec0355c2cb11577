using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Voice.Events.Webhooks;

/// <summary>
/// The <c>Telefon-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t." + body)&gt;</c>.
/// The timestamp is signed with the body, so a receiver that checks it within a tolerance (5 minutes)
/// rejects replays. Several <c>v1</c> entries may appear (secret rotation); any match is valid.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "Telefon-Signature";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for <paramref name="body"/> signed at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var t = timestamp.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Compute(secret, t, body))}";
    }

    /// <summary>
    /// Checks a header against the body. Never throws: malformed headers give <see cref="WebhookSignatureResult.Malformed"/>,
    /// a timestamp further than <paramref name="tolerance"/> from <paramref name="now"/> (either way) gives
    /// <see cref="WebhookSignatureResult.Stale"/>, a wrong MAC gives <see cref="WebhookSignatureResult.Mismatch"/>.
    /// </summary>
    public static WebhookSignatureResult Verify(string? header, string secret, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!TryParse(header, out var t, out var signatures))
        {
            return WebhookSignatureResult.Malformed;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - t) > (tolerance ?? DefaultTolerance).TotalSeconds)
        {
            return WebhookSignatureResult.Stale;
        }

        var expected = Compute(secret, t, body);
        foreach (var signature in signatures)
        {
            if (CryptographicOperations.FixedTimeEquals(expected, signature))
            {
                return WebhookSignatureResult.Valid;
            }
        }

        return WebhookSignatureResult.Mismatch;
    }

    private static byte[] Compute(string secret, long t, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(t.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryParse(string? header, out long t, out List<byte[]> signatures)
    {
        t = 0;
        signatures = [];
        var hasTimestamp = false;
        var rest = header.AsSpan();
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf(',');
            var item = (comma < 0 ? rest : rest[..comma]).Trim();
            rest = comma < 0 ? [] : rest[(comma + 1)..];
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            var key = item[..equals];
            var value = item[(equals + 1)..];
            if (key.SequenceEqual("t"))
            {
                hasTimestamp = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out t);
                if (!hasTimestamp)
                {
                    return false;
                }
            }
            else if (key.SequenceEqual("v1"))
            {
                if (value.Length != 64 || !TryFromHex(value, out var mac))
                {
                    return false;
                }

                signatures.Add(mac);
            }
        }

        return hasTimestamp && signatures.Count > 0;
    }

    private static bool TryFromHex(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        bytes = new byte[hex.Length / 2];
        return Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length;
    }
}

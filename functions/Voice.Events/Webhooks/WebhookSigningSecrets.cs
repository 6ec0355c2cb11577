using System.Security.Cryptography;
using System.Text;

namespace Voice.Events.Webhooks;

/// <summary>
/// Derives each account's webhook signing secret from the master key (<c>Webhooks__SigningKey</c>):
/// lowercase hex of HMAC-SHA256(key = UTF-8 master key, message = UTF-8 account id). Rotating the master
/// key rotates every account's secret; no per-account secret is stored.
/// </summary>
public static class WebhookSigningSecrets
{
    public static string ForAccount(string masterKey, string accountId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(masterKey), Encoding.UTF8.GetBytes(accountId)));
}

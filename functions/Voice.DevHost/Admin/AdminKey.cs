using System.Security.Cryptography;
using System.Text;

namespace Voice.DevHost.Admin;

/// <summary>
/// DevHost's local operator key for the admin API (<c>.devhost/admin-key</c>, created by the seeder). Never a tenant
/// key: tenants' keys are refused by the admin API, and this key is refused by the tenant API. In Azure the admin API
/// is to be protected by Microsoft Entra ID (JWT bearer validation of the operator group) instead — see docs/accounts.md.
/// </summary>
public sealed class AdminKey
{
    public const string Prefix = "tka_";

    private byte[]? expected;

    /// <summary>Set once at start (the seeder reads or creates the key file).</summary>
    public void Set(string key) => expected = Encoding.UTF8.GetBytes(key);

    /// <summary>Compares in constant time; false while no key is set.</summary>
    public bool Matches(string? presented) =>
        expected is { } key && presented is not null && CryptographicOperations.FixedTimeEquals(key, Encoding.UTF8.GetBytes(presented));

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}

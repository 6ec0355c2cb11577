using System.Security.Cryptography;
using System.Text;
using Voice.Api.Admin;

namespace Voice.DevHost.Admin;

/// <summary>
/// DevHost's local operator key for the admin API (<c>.devhost/admin-key</c>, created by the seeder), presented as
/// <c>Authorization: Bearer</c> and compared in constant time. Never a tenant key: tenants' keys are refused here,
/// and this key is refused by the tenant API. In Azure the same admin API authenticates operators by Microsoft Entra
/// ID instead (<see cref="EntraOperatorAuthenticator"/>).
/// </summary>
public sealed class AdminKey : IOperatorAuthenticator
{
    public const string Prefix = "tka_";
    public const string Actor = "operator:devhost";

    private byte[]? expected;

    /// <summary>Set once at start (the seeder reads or creates the key file).</summary>
    public void Set(string key) => expected = Encoding.UTF8.GetBytes(key);

    /// <summary>Compares in constant time; false while no key is set.</summary>
    public bool Matches(string? presented) =>
        expected is { } key && presented is not null && CryptographicOperations.FixedTimeEquals(key, Encoding.UTF8.GetBytes(presented));

    public Task<OperatorAuthentication> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        return Task.FromResult(Matches(key)
            ? OperatorAuthentication.Operator(Actor)
            : OperatorAuthentication.Unauthenticated("the admin API needs 'Authorization: Bearer <admin key>' (DevHost's is in .devhost/admin-key)"));
    }

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}

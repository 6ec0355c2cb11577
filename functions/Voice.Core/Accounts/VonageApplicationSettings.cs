namespace Voice.Core.Accounts;

/// <summary>
/// What a Vonage application holds beyond the common URLs (compat-notes §B.1, §B.4): the RSA public keys its JWTs
/// are checked against (PEM, RSA ≥ 2048 bits, see <see cref="RsaPublicKeys"/>), and whether callbacks are signed with
/// the account's signature secret (<see cref="AccountRecord.WebhookSigningSecretRef"/>), as Vonage does.
/// </summary>
public sealed record VonageApplicationSettings
{
    public IReadOnlyList<string> PublicKeys { get; init; } = [];

    public bool SignedCallbacks { get; init; }
}

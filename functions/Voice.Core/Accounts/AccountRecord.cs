namespace Voice.Core.Accounts;

/// <summary>A tenant (TelAPI calls it a team): owns API keys, applications, phone numbers, calls and conferences.</summary>
public sealed record AccountRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public AccountStatus Status { get; init; } = AccountStatus.Active;

    /// <summary>
    /// Where the account's webhook signing secret lives (a Key Vault secret name in Azure, a setting name in DevHost);
    /// never the secret itself. Vonage signed callbacks use it as the account's signature secret. Null: the
    /// platform's default signing secret.
    /// </summary>
    public string? WebhookSigningSecretRef { get; init; }

    /// <summary>Allows webhook targets on private/loopback addresses (development accounts only).</summary>
    public bool AllowPrivateWebhooks { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

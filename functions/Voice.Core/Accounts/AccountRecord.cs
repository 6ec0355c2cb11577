namespace Voice.Core.Accounts;

/// <summary>A tenant: owns API keys, phone numbers, calls and conferences.</summary>
public sealed record AccountRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Allows webhook targets on private/loopback addresses (development accounts only).</summary>
    public bool AllowPrivateWebhooks { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

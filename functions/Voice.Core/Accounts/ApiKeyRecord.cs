namespace Voice.Core.Accounts;

/// <summary>
/// An API key's metadata. The key itself is shown once at creation and stored only as its SHA-256 hash
/// (<see cref="Hash"/>); <see cref="Hint"/> is its first characters, so a person can tell keys apart.
/// </summary>
public sealed record ApiKeyRecord
{
    public const string IdPrefix = "KY";

    public required string AccountId { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public required string Hash { get; init; }

    public required string Hint { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Set when the key was revoked; a revoked key never authenticates again.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}

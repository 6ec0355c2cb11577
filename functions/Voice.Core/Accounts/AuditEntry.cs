namespace Voice.Core.Accounts;

/// <summary>One line of an account's audit log: who did what to which resource, when.</summary>
public sealed record AuditEntry
{
    public required string AccountId { get; init; }

    public required string Id { get; init; }

    /// <summary>Who: <c>key:KY…</c> (an API key), <c>operator:…</c> (the admin API), <c>devhost</c> (the seeder).</summary>
    public required string Actor { get; init; }

    /// <summary>What: <c>api_key.created</c>, <c>api_key.revoked</c>, <c>application.updated</c>, <c>number.updated</c> …</summary>
    public required string Action { get; init; }

    /// <summary>The resource's id (key id, application id, number).</summary>
    public required string Target { get; init; }

    public required DateTimeOffset At { get; init; }
}

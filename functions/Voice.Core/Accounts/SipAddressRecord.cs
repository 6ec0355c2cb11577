namespace Voice.Core.Accounts;

/// <summary>
/// Which application answers a SIP address (a user at a host, or a whole domain): the claim an application's
/// <see cref="ApplicationRecord.SipUris"/> make, one per address across every account, so inbound routing finds the
/// application without knowing the account.
/// </summary>
public sealed record SipAddressRecord
{
    public required SipAddress Address { get; init; }

    public required string AccountId { get; init; }

    public required string ApplicationId { get; init; }

    /// <summary>The URI as the application lists it (<c>sips:support@example.com;transport=tls</c>).</summary>
    public required string Uri { get; init; }
}

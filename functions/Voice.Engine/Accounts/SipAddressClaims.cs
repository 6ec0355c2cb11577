using Voice.Core.Accounts;
using Voice.Media.Contracts.Addressing;
using Voice.Storage;

namespace Voice.Engine.Accounts;

/// <summary>
/// Keeps the <c>sipaddresses</c> routes in step with applications' <see cref="ApplicationRecord.SipUris"/>: each
/// address (a user at a host, or a domain) is answered by one application of one account. An application claims its
/// addresses before it is written and releases those it dropped after; a claim whose application is gone or no
/// longer lists the address (a write that failed half-way) is stale, routes nothing and may be taken over. A domain
/// and the users in it belong to one account: an account cannot claim a user inside another account's domain, nor a
/// domain in which another account answers users.
/// </summary>
public sealed class SipAddressClaims
{
    private const int MaxRaceRetries = 3;
    private readonly SipAddressRepository addresses;
    private readonly ApplicationRepository applications;

    public SipAddressClaims(SipAddressRepository addresses, ApplicationRepository applications)
    {
        this.addresses = addresses;
        this.applications = applications;
    }

    /// <summary>
    /// Claims every address <paramref name="application"/> lists; null when all are its, else the first problem
    /// (with the field, <c>sip_uris[i]</c>). Claims made before a problem are left stale.
    /// </summary>
    public async Task<SipAddressProblem?> ClaimAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        var parsed = new List<(SipAddress Address, string Uri, string Field)>();
        for (var i = 0; i < application.SipUris.Count; i++)
        {
            var uri = application.SipUris[i];
            var field = $"sip_uris[{i}]";
            if (SipAddress.Parse(uri) is not { } address)
            {
                return new SipAddressProblem(field, $"'{field}' must be a sip: or sips: URI", IsConflict: false);
            }

            // A number-shaped user would take calls to that number away from the account that owns it.
            if (!address.IsDomain && E164Number.FromDialledAddress(uri) is not null)
            {
                return new SipAddressProblem(field, $"'{field}' has a phone number as its user; numbers route by assigning the number to the application", IsConflict: false);
            }

            if (parsed.FindIndex(p => p.Address == address) is >= 0 and var twin)
            {
                return new SipAddressProblem(field, $"'{field}' is the same address as sip_uris[{twin}]", IsConflict: false);
            }

            parsed.Add((address, uri, field));
        }

        foreach (var (address, _, field) in parsed)
        {
            if (await ForeignClaimAsync(application, address, cancellationToken) is { } problem)
            {
                return new SipAddressProblem(field, problem, IsConflict: true);
            }
        }

        foreach (var (address, uri, field) in parsed)
        {
            if (!await WriteClaimAsync(application, address, uri, cancellationToken))
            {
                return new SipAddressProblem(field, $"{address} is answered by another application", IsConflict: true);
            }
        }

        return null;
    }

    /// <summary>Releases the addresses <paramref name="before"/> listed that <paramref name="after"/> (null: deleted) does not.</summary>
    public async Task ReleaseDroppedAsync(ApplicationRecord before, ApplicationRecord? after, CancellationToken cancellationToken)
    {
        var kept = (after?.SipUris ?? []).Select(SipAddress.Parse).ToHashSet();
        foreach (var address in before.SipUris.Select(SipAddress.Parse).OfType<SipAddress>().Where(a => !kept.Contains(a)))
        {
            await addresses.ReleaseAsync(address, before.AccountId, before.Id, cancellationToken);
        }
    }

    /// <summary>The application that answers exactly <paramref name="address"/>, or null (none, or a stale claim).</summary>
    public async Task<ApplicationRecord?> AnsweringAsync(SipAddress address, CancellationToken cancellationToken) =>
        await addresses.FindAsync(address, cancellationToken) is { } stored ? await LiveApplicationAsync(stored.Value, cancellationToken) : null;

    private async Task<string?> ForeignClaimAsync(ApplicationRecord application, SipAddress address, CancellationToken cancellationToken)
    {
        if (await addresses.FindAsync(address, cancellationToken) is { } stored
            && !IsOf(stored.Value, application)
            && await LiveApplicationAsync(stored.Value, cancellationToken) is not null)
        {
            // Within the account the application is named; another account's is not revealed.
            return stored.Value.AccountId == application.AccountId
                ? $"{address} is answered by application {stored.Value.ApplicationId}; remove it there first"
                : $"{address} is answered by another account";
        }

        if (address.IsDomain)
        {
            foreach (var claim in await addresses.InDomainAsync(address.Host, cancellationToken))
            {
                if (claim.AccountId != application.AccountId && await LiveApplicationAsync(claim, cancellationToken) is not null)
                {
                    return $"another account answers addresses in {address.Host}";
                }
            }
        }
        else if (await AnsweringAsync(address.Domain, cancellationToken) is { } domainOwner && domainOwner.AccountId != application.AccountId)
        {
            return $"the domain {address.Host} belongs to another account";
        }

        return null;
    }

    private async Task<bool> WriteClaimAsync(ApplicationRecord application, SipAddress address, string uri, CancellationToken cancellationToken)
    {
        var claim = new SipAddressRecord { Address = address, AccountId = application.AccountId, ApplicationId = application.Id, Uri = uri };
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var stored = await addresses.FindAsync(address, cancellationToken);
            if (stored is not null && !IsOf(stored.Value, application) && await LiveApplicationAsync(stored.Value, cancellationToken) is not null)
            {
                return false;
            }

            if (await addresses.TryClaimAsync(claim, stored?.ETag, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The claim's application when it still exists and still lists the address; else null (stale).</summary>
    private async Task<ApplicationRecord?> LiveApplicationAsync(SipAddressRecord claim, CancellationToken cancellationToken) =>
        await applications.GetAsync(claim.AccountId, claim.ApplicationId, cancellationToken) is { } application
        && application.SipUris.Any(u => SipAddress.Parse(u) == claim.Address)
            ? application
            : null;

    private static bool IsOf(SipAddressRecord claim, ApplicationRecord application) =>
        claim.AccountId == application.AccountId && claim.ApplicationId == application.Id;
}

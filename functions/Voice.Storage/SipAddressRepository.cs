using Azure;
using Azure.Data.Tables;
using Voice.Core.Accounts;

namespace Voice.Storage;

/// <summary>
/// The SIP addresses applications answer, in <c>sipaddresses</c>: PartitionKey = host, RowKey = <c>u:</c> and the
/// escaped user for one address, <c>domain</c> for the whole domain. A domain's partition therefore holds every
/// claim inside it, which is what the ownership checks between a domain and its users read. One row per address:
/// an address routes to one application.
/// </summary>
public sealed class SipAddressRepository
{
    private const string DomainRow = "domain";
    private const string UserRowPrefix = "u:";
    private readonly TableClient table;

    public SipAddressRepository(StorageClients storage)
    {
        table = storage.Tables.GetTableClient(StorageNames.SipAddressesTable);
    }

    /// <summary>The claim on exactly this address (a user, or a domain), or null.</summary>
    public async Task<Stored<SipAddressRecord>?> FindAsync(SipAddress address, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(address.Host, RowKey(address), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? new Stored<SipAddressRecord>(FromEntity(e), e.ETag) : null;
    }

    /// <summary>Every claim in the domain <paramref name="host"/>: the domain's own and its users'.</summary>
    public async Task<IReadOnlyList<SipAddressRecord>> InDomainAsync(string host, CancellationToken cancellationToken = default)
    {
        var claims = new List<SipAddressRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == host, cancellationToken: cancellationToken))
        {
            claims.Add(FromEntity(e));
        }

        return claims;
    }

    /// <summary>
    /// Writes the claim: as a new row when <paramref name="replacing"/> is null, else over the row read at that ETag.
    /// False when someone else wrote the row first (the caller reads again and decides).
    /// </summary>
    public async Task<bool> TryClaimAsync(SipAddressRecord claim, ETag? replacing, CancellationToken cancellationToken = default)
    {
        try
        {
            if (replacing is { } etag)
            {
                await table.UpdateEntityAsync(ToEntity(claim), etag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await table.AddEntityAsync(ToEntity(claim), cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Removes the claim if it is still this application's (another's is left alone).</summary>
    public async Task ReleaseAsync(SipAddress address, string accountId, string applicationId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(address, cancellationToken) is { } stored && stored.Value.AccountId == accountId && stored.Value.ApplicationId == applicationId)
        {
            try
            {
                await table.DeleteEntityAsync(address.Host, RowKey(address), stored.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone or taken over meanwhile: either way it is no longer this application's.
            }
        }
    }

    // Table keys may not hold '/', '\', '#', '?' or control characters, which a SIP user part may: escaped.
    private static string RowKey(SipAddress address) => address.User is { } user ? UserRowPrefix + Uri.EscapeDataString(user) : DomainRow;

    private static TableEntity ToEntity(SipAddressRecord c) => new(c.Address.Host, RowKey(c.Address))
    {
        ["AccountId"] = c.AccountId,
        ["ApplicationId"] = c.ApplicationId,
        ["Uri"] = c.Uri,
    };

    private static SipAddressRecord FromEntity(TableEntity e)
    {
        var uri = e.RequiredString("Uri");
        return new SipAddressRecord
        {
            Address = SipAddress.Parse(uri) ?? throw new InvalidDataException($"sipaddresses {e.PartitionKey}/{e.RowKey} holds '{uri}', which is no SIP URI"),
            AccountId = e.RequiredString("AccountId"),
            ApplicationId = e.RequiredString("ApplicationId"),
            Uri = uri,
        };
    }
}

using Azure;
using Azure.Data.Tables;

namespace Voice.Events.Delivery;

/// <summary>
/// Pending deliveries and their lanes' leases in the Azure Table <c>webhookdeliveries</c> (layout:
/// <see cref="DeliveryEntities"/>), and rows no instance can handle in <c>webhookpoison</c>. A delivery row is written
/// before a publish is acknowledged, in the same transaction that claims or touches its lane's lease (so no stored
/// delivery is ever without a lease row that some instance will act on); updated after each failed attempt; deleted once
/// delivered, dead-lettered or poisoned. Lease writes are conditional on the lease's ETag. Storage errors propagate.
/// </summary>
public sealed class DeliveryStore(TableServiceClient tables)
{
    public const string TableName = "webhookdeliveries";

    public const string PoisonTableName = "webhookpoison";

    // Entity-group transactions take at most 100 actions; one is the lease's.
    private const int MaxDeliveriesPerTransaction = 99;

    private readonly TableClient table = tables.GetTableClient(TableName);
    private readonly TableClient poison = tables.GetTableClient(PoisonTableName);
    private readonly StorageResourceCreation creation = new(async ct =>
    {
        await tables.GetTableClient(TableName).CreateIfNotExistsAsync(ct);
        await tables.GetTableClient(PoisonTableName).CreateIfNotExistsAsync(ct);
    });

    /// <summary>
    /// Stores deliveries of one lane (<paramref name="partition"/>) and, in the same transaction, claims the lane's lease
    /// for <paramref name="owner"/> when nobody holds it, or touches it when somebody does (their next lease write then
    /// fails, and they re-read the lane). Deliveries stored already (a repeated publish) are left out of the result.
    /// </summary>
    public async Task<LaneAcceptance> AcceptAsync(
        string partition, IReadOnlyList<PendingDelivery> deliveries, string owner, DateTimeOffset leaseExpiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var inserted = new List<PendingDelivery>();
        LaneLease? claimed = null;
        foreach (var chunk in deliveries.Chunk(MaxDeliveriesPerTransaction))
        {
            var (stored, lease) = await AcceptChunkAsync(partition, [.. chunk], owner, leaseExpiresAt, now, cancellationToken);
            inserted.AddRange(stored);
            claimed ??= lease;
        }

        return new LaneAcceptance(inserted, claimed);
    }

    /// <summary>
    /// Stores deliveries of a lane this instance holds, in one transaction with a touch of its lease conditional on
    /// <paramref name="lease"/>'s ETag (so nothing is stored into a lane another instance took over). Returns the
    /// deliveries not stored already and the lease's new ETag; null when the lease changed (nothing was stored).
    /// </summary>
    public async Task<(IReadOnlyList<PendingDelivery> Inserted, LaneLease Lease)?> InsertHeldAsync(
        LaneLease lease, IReadOnlyList<PendingDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var inserted = new List<PendingDelivery>();
        foreach (var chunk in deliveries.Chunk(MaxDeliveriesPerTransaction))
        {
            var remaining = chunk.ToList();
            while (remaining.Count > 0)
            {
                var actions = remaining.Select(d => new TableTransactionAction(TableTransactionActionType.Add, DeliveryEntities.ToEntity(d))).ToList();
                actions.Add(new(TableTransactionActionType.UpdateMerge, Touch(lease.Partition, now), lease.ETag));
                try
                {
                    var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                    lease = lease with { ETag = responses[^1].Headers.ETag ?? (await ReadLeaseAsync(lease.Partition, cancellationToken))?.ETag ?? default };
                    inserted.AddRange(remaining);
                    break;
                }
                catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is int index && index < remaining.Count)
                {
                    remaining.RemoveAt(index); // stored already: a repeated publish
                }
                catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
                {
                    return inserted.Count == 0 ? null : throw new InvalidOperationException($"The lease of lane {lease.Partition} changed while storing its deliveries");
                }
            }
        }

        return (inserted, lease);
    }

    /// <summary>
    /// The lane's lease row, then its deliveries in order and the rows that are not deliveries. The lease is read first:
    /// a delivery stored after that read comes with a touch, so a release with this lease's ETag fails and the lane is
    /// read again, instead of being let go with a delivery nobody saw.
    /// </summary>
    public async Task<LaneSnapshot> LoadLaneAsync(string partition, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var lease = await ReadLeaseAsync(partition, cancellationToken);
        var deliveries = new List<PendingDelivery>();
        var undecodable = new List<(TableEntity Row, string Problem)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {DeliveryEntities.LeaseRowKey}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (DeliveryEntities.FromEntity(row, out var problem) is { } delivery)
            {
                deliveries.Add(delivery);
            }
            else
            {
                undecodable.Add((row, problem!));
            }
        }

        return new LaneSnapshot(deliveries, undecodable, lease);
    }

    /// <summary>Records a failed attempt; false when the row is gone (another instance finished it).</summary>
    public async Task<bool> UpdateAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(DeliveryEntities.ToEntity(delivery), ETag.All, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task DeleteAsync(PendingDelivery delivery, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(DeliveryEntities.PartitionKeyOf(delivery.Lane), DeliveryEntities.RowKeyOf(delivery), ETag.All, cancellationToken);

    /// <summary>
    /// Deletes the lane's last delivery and its lease in one transaction; false (nothing changed) when the lease was
    /// touched or taken since <paramref name="lease"/> was read.
    /// </summary>
    public async Task<bool> DeleteAndReleaseAsync(PendingDelivery delivery, LaneLease lease, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Delete, new TableEntity(lease.Partition, DeliveryEntities.RowKeyOf(delivery)), ETag.All),
                new(TableTransactionActionType.Delete, new TableEntity(lease.Partition, DeliveryEntities.LeaseRowKey), lease.ETag),
            ], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Deletes the lease of a lane found empty; false when it was touched or taken since it was read.</summary>
    public async Task<bool> ReleaseAsync(LaneLease lease, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(lease.Partition, DeliveryEntities.LeaseRowKey, lease.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Extends (or hands over, with an empty owner) a lease; null when it was touched or taken since it was read.</summary>
    public async Task<LaneLease?> WriteLeaseAsync(LaneLease lease, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(LeaseEntity(lease.Partition, owner, expiresAt), lease.ETag, TableUpdateMode.Replace, cancellationToken);
            return new LaneLease(lease.Partition, owner, expiresAt, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task<LaneLease?> ReadLeaseAsync(string partition, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, DeliveryEntities.LeaseRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? LeaseOf(row.Value!) : null;
    }

    /// <summary>Leases expired at <paramref name="now"/> (their holder stopped or crashed), at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<LaneLease>> ExpiredLeasesAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {DeliveryEntities.LeaseRowKey} and ExpiresAt lt {now}");
        var found = new List<LaneLease>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            found.Add(LeaseOf(row));
            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>Moves a row no instance can handle to <c>webhookpoison</c> (with the reason), out of its lane.</summary>
    public async Task PoisonAsync(TableEntity row, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var copy = new TableEntity(row) { ["PoisonReason"] = reason, ["PoisonedAt"] = now };
        copy.ETag = default;
        await poison.UpsertEntityAsync(copy, TableUpdateMode.Replace, cancellationToken);
        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
    }

    private async Task<(IReadOnlyList<PendingDelivery> Stored, LaneLease? Claimed)> AcceptChunkAsync(
        string partition, List<PendingDelivery> remaining, string owner, DateTimeOffset leaseExpiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = true;
        for (var round = 0; round < 16 && remaining.Count > 0; round++)
        {
            var actions = remaining.Select(d => new TableTransactionAction(TableTransactionActionType.Add, DeliveryEntities.ToEntity(d))).ToList();
            actions.Add(claim
                ? new(TableTransactionActionType.Add, LeaseEntity(partition, owner, leaseExpiresAt))
                : new(TableTransactionActionType.UpdateMerge, Touch(partition, now), ETag.All));
            try
            {
                var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                if (!claim)
                {
                    return (remaining, null);
                }

                var etag = responses[^1].Headers.ETag;
                var lease = etag is { } known
                    ? new LaneLease(partition, owner, leaseExpiresAt, known)
                    : await ReadLeaseAsync(partition, cancellationToken);
                return (remaining, lease);
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is int index)
            {
                switch (e.Status)
                {
                    case 409 when index < remaining.Count:
                        remaining.RemoveAt(index); // stored already: a repeated publish
                        break;
                    case 409 when claim:
                        claim = false; // somebody holds the lane: touch its lease instead
                        break;
                    case 404 when !claim:
                        claim = true; // released meanwhile: claim it
                        break;
                    default:
                        throw;
                }
            }
        }

        return remaining.Count == 0 ? ([], null) : throw new InvalidOperationException($"Could not store deliveries of lane {partition}: its lease kept changing");
    }

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) => creation.EnsureAsync(cancellationToken);

    private static TableEntity LeaseEntity(string partition, string owner, DateTimeOffset expiresAt) =>
        new(partition, DeliveryEntities.LeaseRowKey) { ["Owner"] = owner, ["ExpiresAt"] = expiresAt };

    private static TableEntity Touch(string partition, DateTimeOffset now) =>
        new(partition, DeliveryEntities.LeaseRowKey) { ["TouchedAt"] = now };

    private static LaneLease LeaseOf(TableEntity row) =>
        new(row.PartitionKey, row.GetString("Owner") ?? "", row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.UnixEpoch, row.ETag);
}

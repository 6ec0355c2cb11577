using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Voice.Events.Delivery;

/// <summary>
/// The Event Grid-like delivery engine, safe to run on any number of instances over the same storage.
/// <see cref="AcceptAsync"/> persists deliveries in the <c>webhookdeliveries</c> table before returning (so an accepted
/// event is never lost), in the same transaction that claims the lane's lease (or touches it when another instance
/// holds it). The instance holding a lane's lease delivers it strictly in sequence order — a retrying delivery blocks
/// later ones of its lane while other lanes proceed — retrying per <see cref="DeliveryRetryPolicy"/>, failing over
/// (<see cref="DeliveryRetryPolicy.FailsOver"/>) and dead-lettering to Blob storage, and renews the lease while it has
/// work. A lane whose holder stopped or crashed is claimed by another instance once its lease expires (found by a
/// periodic scan for expired leases), which reads the lane from storage and carries on. Delivery is at-least-once: a
/// crash between a successful attempt and the row's deletion repeats that delivery (same delivery id). A row that
/// cannot be decoded, or a delivery whose attempt keeps throwing, moves to the <c>webhookpoison</c> table.
/// </summary>
public sealed class EventDeliveryService : BackgroundService
{
    private static readonly TimeSpan StorageRetryDelay = TimeSpan.FromSeconds(1);

    private readonly DeliveryStore store;
    private readonly TimeProvider clock;
    private readonly ILogger<EventDeliveryService> logger;
    private readonly EventDeliveryOptions options;
    private readonly TimeSpan leaseDuration;
    private readonly OwnedLanes lanes;
    private readonly LaneServer server;

    public EventDeliveryService(
        DeliveryStore store,
        DeadLetterStore deadLetters,
        DeliveryRetryPolicy retryPolicy,
        EventDeliverySender sender,
        TimeProvider clock,
        ILogger<EventDeliveryService> logger,
        EventDeliveryOptions options)
    {
        this.store = store;
        this.clock = clock;
        this.logger = logger;
        this.options = options;
        leaseDuration = TimeSpan.FromSeconds(options.LaneLeaseSeconds);
        lanes = new OwnedLanes(leaseDuration, clock);
        server = new LaneServer(store, deadLetters, retryPolicy, sender, lanes, InstanceId, options.PoisonAfterFailures, clock, logger);
    }

    /// <summary>This process's identity in lease rows.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Deliveries held in memory by this instance (those of the lanes it holds), not yet delivered or dead-lettered.</summary>
    public int PendingCount => lanes.PendingCount;

    /// <summary>Lanes whose lease this instance holds.</summary>
    public int HeldLaneCount => lanes.Count;

    /// <summary>
    /// Persists <paramref name="deliveries"/> (grouped by lane, one transaction each) and queues those of lanes this
    /// instance holds or claims. Throws when storing any lane failed; the lanes stored are kept regardless, so a repeated
    /// publish (which finds them stored) loses nothing.
    /// </summary>
    public async Task AcceptAsync(IReadOnlyCollection<PendingDelivery> deliveries, CancellationToken cancellationToken)
    {
        var byLane = deliveries.GroupBy(d => DeliveryEntities.PartitionKeyOf(d.Lane)).ToList();
        if (byLane.Count == 1)
        {
            await AcceptLaneAsync(byLane[0].Key, [.. byLane[0]], cancellationToken);
            return;
        }

        await Task.WhenAll(byLane.Select(lane => AcceptLaneAsync(lane.Key, [.. lane], cancellationToken)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!cancellationToken.IsCancellationRequested)
        {
            await HandOverAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var workers = Enumerable.Range(0, options.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None));
            await Task.WhenAll([.. workers, RenewLeasesAsync(stoppingToken), ClaimExpiredLanesAsync(stoppingToken)]);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AcceptLaneAsync(string partition, IReadOnlyList<PendingDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (lanes.Reserve(partition) is { } held)
        {
            IReadOnlyList<PendingDelivery> stored = [];
            await held.LeaseGate.WaitAsync(cancellationToken);
            try
            {
                // Not while a renewal that absorbed a touch waits for the reload: the partition then holds deliveries
                // memory lacks, and adding this one to memory could send it before them.
                if (!held.ReloadNeeded && await store.InsertHeldAsync(held.Lease, deliveries, clock.GetUtcNow(), cancellationToken) is { } inserted)
                {
                    held.Lease = inserted.Lease;
                    stored = inserted.Inserted;
                }
            }
            finally
            {
                held.LeaseGate.Release();
                lanes.Unreserve(held, stored);
            }

            if (stored.Count > 0 || deliveries.Count == 0)
            {
                return;
            }

            // The lease changed under us (touched by another instance, or taken over): go through the lease as anyone would.
            lanes.Update(held, l => l.ReloadNeeded = true);
        }

        var now = clock.GetUtcNow();
        var accepted = await store.AcceptAsync(partition, deliveries, InstanceId, now + leaseDuration, now, cancellationToken);
        if (accepted.Claimed is { } lease)
        {
            lanes.Adopt(lease, accepted.Inserted, reloadNeeded: false);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var lane in lanes.Ready.ReadAllAsync(stoppingToken))
        {
            try
            {
                await server.ServeAsync(lane, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage trouble: keep the lane as it is and serve it again shortly.
                logger.LogWarning(e, "Serving lane {Lane} failed; retrying", lane.Partition);
                _ = lanes.RequeueAfterAsync(lane, StorageRetryDelay, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Renews held leases once they are a third of their duration old (so a lease is renewed at between a third and half
    /// its age, well before <see cref="OwnedLanes.Usable"/> gives up on it), many at once: a lane's lease must not wait
    /// behind hundreds of others. A lease touched meanwhile means the lane has new rows.
    /// </summary>
    private async Task RenewLeasesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(leaseDuration / 6, clock, stoppingToken);
            var renewBefore = clock.GetUtcNow() + leaseDuration * 2 / 3;
            var due = lanes.Snapshot().Where(l => l.Lease.ExpiresAt <= renewBefore);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stoppingToken }, async (lane, ct) =>
            {
                try
                {
                    await RenewAsync(lane, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Renewing the lease of lane {Lane} failed", lane.Partition);
                }
            });
        }
    }

    private async Task RenewAsync(DeliveryLane lane, CancellationToken stoppingToken)
    {
        await lane.LeaseGate.WaitAsync(stoppingToken);
        try
        {
            if (lane.Abandoned || lane.Releasing)
            {
                return;
            }

            var expiresAt = clock.GetUtcNow() + leaseDuration;
            var renewed = await store.WriteLeaseAsync(lane.Lease, InstanceId, expiresAt, stoppingToken);
            if (renewed is null && await store.ReadLeaseAsync(lane.Partition, stoppingToken) is { } current && current.Owner == InstanceId)
            {
                // Touched by a publish elsewhere: still ours, with deliveries not in memory yet.
                renewed = await store.WriteLeaseAsync(current, InstanceId, expiresAt, stoppingToken);
                lanes.Update(lane, l => l.ReloadNeeded = true);
            }

            if (renewed is null)
            {
                logger.LogWarning("Lost the lease of lane {Lane} (now {Owner}); leaving it", lane.Partition, (await store.ReadLeaseAsync(lane.Partition, stoppingToken))?.Owner ?? "released");
                lanes.Forget(lane);
                return;
            }

            lane.Lease = renewed;
        }
        finally
        {
            lane.LeaseGate.Release();
        }
    }

    /// <summary>Claims lanes whose lease expired (their holder stopped or crashed) and serves them from storage.</summary>
    private async Task ClaimExpiredLanesAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.LaneScanSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var room = options.MaxHeldLanes - lanes.Count;
                if (room > 0)
                {
                    foreach (var expired in await store.ExpiredLeasesAsync(clock.GetUtcNow(), room, stoppingToken))
                    {
                        if (lanes.Holds(expired.Partition))
                        {
                            continue; // ours, lapsing: the worker leaves it first
                        }

                        if (await store.WriteLeaseAsync(expired, InstanceId, clock.GetUtcNow() + leaseDuration, stoppingToken) is { } claimed)
                        {
                            logger.LogInformation("Took over lane {Lane} from {Owner}", expired.Partition, expired.Owner is { Length: > 0 } owner ? owner : "(released)");
                            lanes.Adopt(claimed, [], reloadNeeded: true);
                        }
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Looking for lanes to take over failed");
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    /// <summary>On an orderly stop: marks every held lease expired, so other instances take the lanes over at once.</summary>
    private async Task HandOverAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in lanes.Snapshot())
        {
            try
            {
                var handed = await store.WriteLeaseAsync(lane.Lease, "", DateTimeOffset.UnixEpoch, cancellationToken);
                if (handed is null && await store.ReadLeaseAsync(lane.Partition, cancellationToken) is { } current && current.Owner == InstanceId)
                {
                    await store.WriteLeaseAsync(current, "", DateTimeOffset.UnixEpoch, cancellationToken);
                }

                lanes.Forget(lane);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Handing over lane {Lane} failed; it is taken over when its lease expires", lane.Partition);
            }
        }
    }
}

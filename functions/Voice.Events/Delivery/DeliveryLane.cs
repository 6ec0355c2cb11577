namespace Voice.Events.Delivery;

/// <summary>
/// A lane (target + subject) this instance holds the lease of: its deliveries in sequence order, as loaded from or
/// stored to its partition. At most one worker serves a lane at a time (<see cref="Scheduled"/>), so its head is
/// delivered, retried or dead-lettered before anything behind it. Fields are guarded by <see cref="OwnedLanes"/>'
/// lock; the lease is read and written only while holding <see cref="LeaseGate"/>.
/// </summary>
internal sealed class DeliveryLane(LaneLease lease)
{
    private static readonly Comparer<PendingDelivery> BySequence = Comparer<PendingDelivery>.Create((a, b) =>
    {
        var order = a.Sequence.CompareTo(b.Sequence);
        return order != 0 ? order : string.CompareOrdinal(a.DeliveryId, b.DeliveryId);
    });

    private readonly SortedSet<PendingDelivery> queue = new(BySequence);
    private readonly HashSet<string> ids = [];

    public string Partition { get; } = lease.Partition;

    /// <summary>The lease as this instance last wrote or read it.</summary>
    public LaneLease Lease { get; set; } = lease;

    /// <summary>Serialises writes of the lease row (renewal, accepting, releasing), which are conditional on its ETag.</summary>
    public SemaphoreSlim LeaseGate { get; } = new(1, 1);

    /// <summary>True while the lane sits in the ready queue, waits for its head's retry time, or is being served.</summary>
    public bool Scheduled { get; set; }

    /// <summary>The partition may hold deliveries not in memory (another instance touched the lease, or the lane was just claimed).</summary>
    public bool ReloadNeeded { get; set; }

    /// <summary>Publishes on this instance storing into the lane right now; the lane is not released while any run.</summary>
    public int PendingAccepts { get; set; }

    /// <summary>A worker is deleting the lease; publishes meanwhile go through storage (they touch or claim the lease).</summary>
    public bool Releasing { get; set; }

    /// <summary>No longer held (released, lost or run out); a worker that finds it skips it.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Consecutive attempts at the head that threw instead of producing an outcome.</summary>
    public int HeadFailures { get; set; }

    public int Count => queue.Count;

    public PendingDelivery? Head => queue.Min;

    /// <summary>Adds a delivery unless one with the same id is queued already.</summary>
    public void Add(PendingDelivery delivery)
    {
        if (ids.Add(delivery.DeliveryId))
        {
            queue.Add(delivery);
        }
    }

    public void Remove(PendingDelivery delivery)
    {
        queue.Remove(delivery);
        ids.Remove(delivery.DeliveryId);
        HeadFailures = 0;
    }

    /// <summary>Swaps a delivery for its updated self (same sequence and id, new attempt state).</summary>
    public void Replace(PendingDelivery updated)
    {
        queue.Remove(updated);
        queue.Add(updated);
    }

    /// <summary>Replaces the contents with what the partition holds.</summary>
    public void ReplaceAll(IEnumerable<PendingDelivery> deliveries)
    {
        queue.Clear();
        ids.Clear();
        foreach (var delivery in deliveries)
        {
            Add(delivery);
        }
    }
}

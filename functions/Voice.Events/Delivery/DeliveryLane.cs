namespace Voice.Events.Delivery;

/// <summary>
/// The in-memory queue of one lane (target + subject), ordered by sequence. At most one worker holds a lane
/// (<see cref="Scheduled"/>), so its head is delivered, retried or dead-lettered before anything behind it.
/// Guarded by the owning service's lock.
/// </summary>
internal sealed class DeliveryLane(string key)
{
    private static readonly Comparer<PendingDelivery> BySequence = Comparer<PendingDelivery>.Create((a, b) =>
    {
        var order = a.Sequence.CompareTo(b.Sequence);
        return order != 0 ? order : string.CompareOrdinal(a.DeliveryId, b.DeliveryId);
    });

    private readonly SortedSet<PendingDelivery> queue = new(BySequence);
    private readonly HashSet<string> ids = [];

    public string Key => key;

    /// <summary>True while the lane sits in the ready queue, waits for its head's retry time, or is being delivered.</summary>
    public bool Scheduled { get; set; }

    public int Count => queue.Count;

    public PendingDelivery? Head => queue.Min;

    /// <summary>Adds a delivery unless one with the same id is queued already (repeated publish, restart reload).</summary>
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
    }

    /// <summary>Swaps a delivery for its updated self (same sequence and id, new attempt state).</summary>
    public void Replace(PendingDelivery updated)
    {
        queue.Remove(updated);
        queue.Add(updated);
    }
}

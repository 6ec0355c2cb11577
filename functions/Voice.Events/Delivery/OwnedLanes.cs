using System.Threading.Channels;

namespace Voice.Events.Delivery;

/// <summary>
/// The lanes this instance holds leases for, and the queue of lanes ready for a worker. Only deliveries of held lanes
/// are in memory; everything else lives in storage until some instance claims its lane.
/// </summary>
internal sealed class OwnedLanes(TimeSpan leaseDuration, TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DeliveryLane> lanes = [];
    private readonly Channel<DeliveryLane> ready = Channel.CreateUnbounded<DeliveryLane>();

    public ChannelReader<DeliveryLane> Ready => ready.Reader;

    /// <summary>Deliveries held in memory by this instance.</summary>
    public int PendingCount
    {
        get
        {
            lock (gate)
            {
                return lanes.Values.Sum(l => l.Count);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return lanes.Count;
            }
        }
    }

    /// <summary>
    /// Whether the lease may still be used: until a third of its duration before it expires, so a renewal that fails
    /// once, or clocks a little apart, never let two instances serve the lane.
    /// </summary>
    public bool Usable(LaneLease lease) => clock.GetUtcNow() < lease.ExpiresAt - leaseDuration / 3;

    public bool Holds(string partition)
    {
        lock (gate)
        {
            return lanes.ContainsKey(partition);
        }
    }

    public IReadOnlyList<DeliveryLane> Snapshot()
    {
        lock (gate)
        {
            return [.. lanes.Values];
        }
    }

    /// <summary>The held lane of <paramref name="partition"/>, reserved for a publish on this instance; null when not held (or not usable).</summary>
    public DeliveryLane? Reserve(string partition)
    {
        lock (gate)
        {
            if (lanes.TryGetValue(partition, out var lane) && !lane.Releasing && !lane.Abandoned && !lane.ReloadNeeded && Usable(lane.Lease))
            {
                lane.PendingAccepts++;
                return lane;
            }

            return null;
        }
    }

    public void Unreserve(DeliveryLane lane, IReadOnlyList<PendingDelivery> stored)
    {
        lock (gate)
        {
            lane.PendingAccepts--;
            foreach (var delivery in stored)
            {
                lane.Add(delivery);
            }

            ScheduleIfIdle(lane);
        }
    }

    /// <summary>Starts holding a lane this instance just claimed (replacing a lane object being released).</summary>
    public void Adopt(LaneLease lease, IReadOnlyList<PendingDelivery> deliveries, bool reloadNeeded)
    {
        var lane = new DeliveryLane(lease) { ReloadNeeded = reloadNeeded };
        foreach (var delivery in deliveries)
        {
            lane.Add(delivery);
        }

        lock (gate)
        {
            if (lanes.TryGetValue(lease.Partition, out var previous))
            {
                previous.Abandoned = true;
            }

            lanes[lease.Partition] = lane;
            ScheduleIfIdle(lane);
        }
    }

    /// <summary>Stops holding the lane (released, lost, or its lease ran out); its rows stay in storage.</summary>
    public void Forget(DeliveryLane lane)
    {
        lock (gate)
        {
            lane.Abandoned = true;
            if (lanes.TryGetValue(lane.Partition, out var current) && current == lane)
            {
                lanes.Remove(lane.Partition);
            }
        }
    }

    public PendingDelivery? HeadOf(DeliveryLane lane)
    {
        lock (gate)
        {
            return lane.Head;
        }
    }

    /// <summary>Marks the lane releasing when it is empty and no publish is storing into it; false otherwise.</summary>
    public bool TryStartRelease(DeliveryLane lane, int remaining = 0)
    {
        lock (gate)
        {
            if (lane.Count != remaining || lane.PendingAccepts > 0 || lane.ReloadNeeded)
            {
                return false;
            }

            lane.Releasing = true;
            return true;
        }
    }

    public void EndRelease(DeliveryLane lane)
    {
        lock (gate)
        {
            lane.Releasing = false;
        }
    }

    public void Update(DeliveryLane lane, Action<DeliveryLane> change)
    {
        lock (gate)
        {
            change(lane);
        }
    }

    /// <summary>The worker is done with the lane for now: queue it again if it has work (or is empty and must be released).</summary>
    public void Done(DeliveryLane lane)
    {
        lock (gate)
        {
            lane.Scheduled = false;
            ScheduleIfIdle(lane);
        }
    }

    /// <summary>Puts the lane back in the ready queue after <paramref name="wait"/> (its head's retry time).</summary>
    public async Task RequeueAfterAsync(DeliveryLane lane, TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, clock, stoppingToken);
            ready.Writer.TryWrite(lane);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ScheduleIfIdle(DeliveryLane lane)
    {
        if (!lane.Scheduled && !lane.Abandoned && (lane.Count > 0 || lane.PendingAccepts == 0))
        {
            lane.Scheduled = true;
            ready.Writer.TryWrite(lane);
        }
    }
}

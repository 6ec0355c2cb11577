using Voice.Events.Subscriptions;

namespace Voice.Events;

/// <summary>
/// Delivery settings (configuration section <c>LocalEventGrid</c>). The retry settings apply to every delivery
/// the engine makes: per-call webhooks in both hosts, and local subscriptions in DevHost.
/// </summary>
public sealed class EventDeliveryOptions
{
    public const string Section = "LocalEventGrid";

    /// <summary>Customers' own subscriptions (DevHost only; in Azure they are Event Grid subscriptions on the topic).</summary>
    public List<LocalSubscriptionOptions> Subscriptions { get; set; } = [];

    /// <summary>Multiplies Event Grid's retry schedule; 1 in production, e.g. 0.0001 in tests.</summary>
    public double RetryScale { get; set; } = 1;

    public int MaxDeliveryAttempts { get; set; } = 30;

    public int EventTimeToLiveInMinutes { get; set; } = 1440;

    /// <summary>How long one attempt waits for a response (Event Grid: 30 s).</summary>
    public double AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>Failed attempts at a webhook's primary URL before it goes to its failover URL (when it has one).</summary>
    public int FailoverAfterAttempts { get; set; } = 1;

    /// <summary>Concurrent attempts (each on a different lane).</summary>
    public int Workers { get; set; } = 64;

    /// <summary>
    /// How long an instance's claim on a lane lasts without renewal (renewed every third of it while the lane has
    /// work); after a crash, other instances take the lane over this long after the last renewal.
    /// </summary>
    public double LaneLeaseSeconds { get; set; } = 30;

    /// <summary>How often each instance looks for lanes whose lease expired.</summary>
    public double LaneScanSeconds { get; set; } = 5;

    /// <summary>Lanes one instance holds at most; it takes over no more expired lanes beyond this.</summary>
    public int MaxHeldLanes { get; set; } = 10_000;

    /// <summary>Attempts that throw (rather than fail) before a delivery moves to the poison table.</summary>
    public int PoisonAfterFailures { get; set; } = 3;
}

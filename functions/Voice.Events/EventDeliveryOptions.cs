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
}

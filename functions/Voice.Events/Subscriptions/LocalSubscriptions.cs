using Microsoft.Extensions.Logging;

namespace Voice.Events.Subscriptions;

/// <summary>
/// The configured local subscriptions. Each is validated once with the handshake (on first use, as Event Grid
/// validates on creation); one that fails is logged and never delivered to.
/// </summary>
public sealed class LocalSubscriptions(
    IReadOnlyList<LocalSubscriptionOptions> configured,
    WebhookValidationHandshake handshake,
    ILogger<LocalSubscriptions> logger)
{
    private readonly Lock gate = new();
    private Task<IReadOnlyList<LocalSubscriptionOptions>>? validated;

    /// <summary>Validated subscriptions whose filter includes <paramref name="eventType"/>.</summary>
    public async Task<IReadOnlyList<LocalSubscriptionOptions>> MatchingAsync(string eventType, CancellationToken cancellationToken)
    {
        var active = await ValidatedAsync();
        return active.Where(s => s.Includes(eventType)).ToList();
    }

    /// <summary>Runs the handshakes (once) and returns the subscriptions that passed.</summary>
    public Task<IReadOnlyList<LocalSubscriptionOptions>> ValidatedAsync()
    {
        lock (gate)
        {
            return validated ??= ValidateAllAsync();
        }
    }

    private async Task<IReadOnlyList<LocalSubscriptionOptions>> ValidateAllAsync()
    {
        var results = await Task.WhenAll(configured.Select(async s => (Subscription: s, Failure: await handshake.ValidateAsync(s.Endpoint, CancellationToken.None))));
        foreach (var (subscription, failure) in results.Where(r => r.Failure is not null))
        {
            logger.LogError("Local subscription {Name} ({Endpoint}) failed validation and gets no events: {Failure}", subscription.Name, subscription.Endpoint, failure);
        }

        return results.Where(r => r.Failure is null).Select(r => r.Subscription).ToList();
    }
}

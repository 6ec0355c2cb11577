namespace Voice.Events.Subscriptions;

/// <summary>A customer's own subscription in DevHost (<c>LocalEventGrid:Subscriptions:n</c>), like an Event Grid event subscription.</summary>
public sealed class LocalSubscriptionOptions
{
    public string Name { get; set; } = "";

    /// <summary>Webhook endpoint; receives CloudEvents in structured mode after a successful validation handshake.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Event types delivered (exact, case-insensitive, as Event Grid's <c>includedEventTypes</c>); empty means all.</summary>
    public List<string> IncludedEventTypes { get; set; } = [];

    public bool Includes(string eventType) =>
        IncludedEventTypes.Count == 0 || IncludedEventTypes.Contains(eventType, StringComparer.OrdinalIgnoreCase);
}

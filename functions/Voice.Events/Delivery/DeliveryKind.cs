namespace Voice.Events.Delivery;

/// <summary>What a delivery goes to, which decides its wire format.</summary>
public enum DeliveryKind
{
    /// <summary>A per-call webhook (status_callback / eventUrl): signed JSON POST.</summary>
    Webhook,

    /// <summary>A customer's local Event Grid subscription: CloudEvents structured mode, like Event Grid.</summary>
    Subscription,
}

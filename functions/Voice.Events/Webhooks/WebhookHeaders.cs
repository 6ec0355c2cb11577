namespace Voice.Events.Webhooks;

/// <summary>Headers of a per-call webhook request (docs/webhooks.md).</summary>
public static class WebhookHeaders
{
    public const string Signature = WebhookSignature.HeaderName;

    /// <summary>Same value on every retry of one event to one endpoint: receivers deduplicate by it.</summary>
    public const string DeliveryId = "Telefon-Delivery-Id";

    public const string EventType = "Telefon-Event-Type";

    /// <summary>1 on the first attempt, 2 on the first retry, …</summary>
    public const string DeliveryAttempt = "Telefon-Delivery-Attempt";
}

using Voice.Core.Accounts;
using Voice.Core.Events;
using Voice.Events.Delivery;

namespace Voice.Events.Webhooks;

/// <summary>
/// A dialect's webhook wire format: it projects a neutral engine event (the delivery's CloudEvent) onto its own
/// envelope, field names, headers and signature. Each dialect registers one; Telefon's is the default.
/// </summary>
public interface IWebhookFormat
{
    ApplicationDialect Dialect { get; }

    /// <summary>
    /// The request for one attempt; signed at send time so a retry hours later passes the receiver's replay window.
    /// Null when the dialect has no webhook for this event: nothing is sent and the delivery is done.
    /// </summary>
    Task<HttpRequestMessage?> CreateAsync(PendingDelivery delivery, Uri endpoint, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Where the event's webhook fails over to and how long an attempt may wait, when the dialect's settings say
    /// (read when the event is published, so they travel with it); null: no failover, the engine's timeout.
    /// </summary>
    Task<WebhookTargetSettings?> TargetSettingsAsync(VoiceEvent voiceEvent, CancellationToken cancellationToken) =>
        Task.FromResult<WebhookTargetSettings?>(null);

    /// <summary>Called after each attempt that sent a request (the dialect's own bookkeeping); must not throw.</summary>
    Task AttemptedAsync(PendingDelivery delivery, Uri endpoint, DeliveryOutcome outcome, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}

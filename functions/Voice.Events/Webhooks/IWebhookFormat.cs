using Voice.Core.Accounts;
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
}

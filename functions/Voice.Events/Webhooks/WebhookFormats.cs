using Voice.Core.Accounts;
using Voice.Events.CloudEvents;
using Voice.Events.Delivery;

namespace Voice.Events.Webhooks;

/// <summary>Picks the webhook format of a delivery's dialect (the CloudEvent's <c>dialect</c> attribute); Telefon's when none is registered.</summary>
public sealed class WebhookFormats(IEnumerable<IWebhookFormat> formats, SignedWebhookRequests telefon)
{
    private readonly Dictionary<ApplicationDialect, IWebhookFormat> byDialect = formats.ToDictionary(f => f.Dialect);

    public IWebhookFormat For(PendingDelivery delivery) =>
        For(VoiceCloudEvents.ParseJson(delivery.EventJson) is { } cloudEvent ? VoiceCloudEvents.DialectOf(cloudEvent) : ApplicationDialect.Telefon);

    public IWebhookFormat For(ApplicationDialect dialect) => byDialect.GetValueOrDefault(dialect) ?? telefon;
}

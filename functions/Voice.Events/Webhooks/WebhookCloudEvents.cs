using Azure.Messaging;
using Microsoft.Extensions.Logging;
using Voice.Core.Events;
using Voice.Events.CloudEvents;

namespace Voice.Events.Webhooks;

/// <summary>
/// Turns an engine event into the CloudEvent that is published, with its webhook's failover URL and attempt timeout
/// when its dialect's settings give them (<see cref="IWebhookFormat.TargetSettingsAsync"/>), so they travel with
/// the event through Event Grid to the dispatcher. Reading the settings never fails a publish: on an error the event
/// goes without them (no failover, the default timeout), and the error is logged.
/// </summary>
public sealed class WebhookCloudEvents(WebhookFormats formats, ILogger<WebhookCloudEvents> logger)
{
    public async Task<CloudEvent> ToCloudEventAsync(VoiceEvent voiceEvent, CancellationToken cancellationToken)
    {
        var cloudEvent = VoiceCloudEvents.ToCloudEvent(voiceEvent);
        if (string.IsNullOrEmpty(voiceEvent.WebhookUrl))
        {
            return cloudEvent;
        }

        try
        {
            var settings = await formats.For(voiceEvent.Dialect).TargetSettingsAsync(voiceEvent, cancellationToken);
            return settings is null ? cloudEvent : VoiceCloudEvents.WithWebhookTarget(cloudEvent, settings.FailoverUrl, settings.AttemptTimeoutSeconds);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Webhook target settings of event {EventId} could not be read; it is published without failover", voiceEvent.Id);
            return cloudEvent;
        }
    }
}

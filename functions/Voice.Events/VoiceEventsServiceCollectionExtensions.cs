using Azure;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.EventGrid;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Voice.Events.Delivery;
using Voice.Events.Publishing;
using Voice.Events.Subscriptions;
using Voice.Events.Webhooks;
using Voice.OutboundHttp;
using Voice.Storage;

namespace Voice.Events;

public static class VoiceEventsServiceCollectionExtensions
{
    /// <summary>
    /// Registers event publishing and delivery: <see cref="IVoiceEventPublisher"/> (Event Grid when
    /// <c>EventGrid:TopicEndpoint</c> is set — key <c>EventGrid:TopicKey</c> or the app's identity — else local
    /// delivery), <see cref="WebhookDispatcher"/>, <see cref="OutboundTargetGuard"/> with the webhooks HTTP client, and the
    /// <see cref="EventDeliveryService"/> hosted service. Settings: <see cref="WebhookOptions"/>,
    /// <see cref="EventDeliveryOptions"/>, <c>VoiceStorage</c>.
    /// </summary>
    public static IServiceCollection AddVoiceEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var webhooks = configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new();
        var delivery = configuration.GetSection(EventDeliveryOptions.Section).Get<EventDeliveryOptions>() ?? new();
        var attemptTimeout = TimeSpan.FromSeconds(delivery.AttemptTimeoutSeconds);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWebhookAccountPolicy, NoPrivateTargetsPolicy>();
        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClients>().Tables);
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClients>().Blobs);
        services.AddOutboundTargetGuard(webhooks.AllowPrivateTargets);
        services.AddWebhookHttpClient();
        services.AddSingleton(_ => new SignedWebhookRequests(webhooks.EffectiveSigningKey()));
        services.AddSingleton(sp => new WebhookFormats(sp.GetServices<IWebhookFormat>(), sp.GetRequiredService<SignedWebhookRequests>()));
        services.AddSingleton<WebhookCloudEvents>();
        services.AddSingleton(new DeliveryRetryPolicy(delivery.RetryScale, delivery.MaxDeliveryAttempts, TimeSpan.FromMinutes(delivery.EventTimeToLiveInMinutes), delivery.FailoverAfterAttempts));
        services.AddSingleton(sp => new DeliveryStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton(sp => new DeadLetterStore(sp.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton(sp => new EventDeliverySender(
            sp.GetRequiredService<OutboundTargetGuard>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IWebhookAccountPolicy>(),
            sp.GetRequiredService<WebhookFormats>(),
            sp.GetRequiredService<TimeProvider>(),
            attemptTimeout,
            sp.GetRequiredService<ILogger<EventDeliverySender>>()));
        services.AddSingleton(sp => new EventDeliveryService(
            sp.GetRequiredService<DeliveryStore>(),
            sp.GetRequiredService<DeadLetterStore>(),
            sp.GetRequiredService<DeliveryRetryPolicy>(),
            sp.GetRequiredService<EventDeliverySender>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventDeliveryService>>(),
            delivery));
        services.AddHostedService(sp => sp.GetRequiredService<EventDeliveryService>());
        services.AddSingleton<WebhookDispatcher>();

        if (Uri.TryCreate(configuration["EventGrid:TopicEndpoint"], UriKind.Absolute, out var topic))
        {
            services.AddSingleton(_ => configuration["EventGrid:TopicKey"] is { Length: > 0 } key
                ? new EventGridPublisherClient(topic, new AzureKeyCredential(key))
                : new EventGridPublisherClient(topic, new DefaultAzureCredential()));
            services.AddSingleton<IVoiceEventPublisher, EventGridVoiceEventPublisher>();
        }
        else
        {
            services.AddSingleton(sp => new WebhookValidationHandshake(sp.GetRequiredService<OutboundTargetGuard>(), sp.GetRequiredService<IHttpClientFactory>(), attemptTimeout));
            services.AddSingleton(sp => new LocalSubscriptions(
                delivery.Subscriptions,
                sp.GetRequiredService<WebhookValidationHandshake>(),
                sp.GetRequiredService<ILogger<LocalSubscriptions>>()));
            services.AddSingleton<IVoiceEventPublisher, LocalEventDeliveryPublisher>();
        }

        return services;
    }
}

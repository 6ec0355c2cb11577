using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Voice.Core.Analytics;
using Voice.Engine.Accounts;
using Voice.Engine.Analytics;
using Voice.Engine.Calls;
using Voice.Engine.Conferences;
using Voice.Engine.Lifecycles;
using Voice.Engine.Nodes;
using Voice.Engine.Queues;
using Voice.Engine.Recordings;
using Voice.Engine.Webhooks;
using Voice.Events;
using Voice.Media.Contracts.Nodes;
using Voice.OutboundHttp;
using Voice.Storage;

namespace Voice.Engine;

/// <summary>
/// Registers the engine shared by both hosts: storage (one set of clients from <c>VoiceStorage</c>), repositories,
/// events and webhook delivery, call, conference, recording and queue services, the lifecycle effect runner and the media event router. Each host
/// adds its own <see cref="ILifecycleHost"/> (a Durable client: the Functions binding, or DevHost's task hub).
/// </summary>
public static class VoiceEngineRegistration
{
    public static IServiceCollection AddVoiceEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClients>().Tables);
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClients>().Blobs);
        services.TryAddSingleton<CallRepository>();
        services.TryAddSingleton<ConferenceRepository>();
        services.TryAddSingleton<RecordingRepository>();
        services.TryAddSingleton<TranscriptRepository>();
        services.TryAddSingleton<AnalyticsRollupRepository>();
        services.TryAddSingleton<RateLimitCounter>();
        services.TryAddSingleton<ISentimentScorer, LexiconSentimentScorer>();
        services.TryAddSingleton<ConversationAnalytics>();
        services.TryAddSingleton<QueueRepository>();
        services.TryAddSingleton<PhoneNumberRepository>();
        services.TryAddSingleton<CallCommandLog>();
        services.TryAddSingleton<SipAddressRepository>();
        services.TryAddSingleton<ApiKeyRepository>();
        services.TryAddSingleton<AccountRepository>();
        services.TryAddSingleton<ApplicationRepository>();
        services.TryAddSingleton<AuditLogRepository>();
        services.TryAddSingleton<MediaCommandQueue>();
        services.TryAddSingleton<NodeCallIndex>();
        services.TryAddSingleton(sp => new MediaNodeRegistry(
            sp.GetRequiredService<StorageClients>().Tables.GetTableClient(Voice.Media.Contracts.MediaQueues.NodesTable)));
        services.AddOptions<MediaNodeFleetOptions>().Bind(configuration.GetSection(MediaNodeFleetOptions.Section));
        services.TryAddSingleton<MediaNodePlacement>();
        services.TryAddSingleton<MediaNodeSweep>();
        services.AddVoiceEvents(configuration);
        services.AddCallFlowHttpClient(TimeSpan.FromMilliseconds(Voice.Core.Lifecycles.FetchCallFlow.DefaultConnectTimeoutMs));
        services.TryAddSingleton<CallFlowFetcher>();
        services.TryAddSingleton<LifecycleEffectRunner>();
        services.TryAddSingleton<MediaEventRouter>();
        services.TryAddSingleton<MediaEventMessages>();
        services.TryAddSingleton<CommandPreparation>();
        services.TryAddSingleton<CallService>();
        services.TryAddSingleton<ConferenceService>();
        services.TryAddSingleton<SipAddressClaims>();
        services.TryAddSingleton<ApplicationService>();
        services.TryAddSingleton<NumberService>();
        services.TryAddSingleton<InboundRouteResolver>();
        services.TryAddSingleton<ApiKeyService>();
        services.TryAddSingleton<RecordingService>();
        services.TryAddSingleton<QueueService>();
        return services;
    }
}

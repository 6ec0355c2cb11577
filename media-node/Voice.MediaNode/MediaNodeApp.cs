using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Voice.Media.Tts;
using Voice.MediaNode.Calls;
using Voice.MediaNode.Commands;
using Voice.MediaNode.Configuration;
using Voice.MediaNode.Events;
using Voice.MediaNode.Health;
using Voice.MediaNode.Nodes;
using Voice.MediaNode.Prompts;
using Voice.MediaNode.Speech;
using Voice.MediaNode.Storage;
using Voice.OutboundHttp;

namespace Voice.MediaNode;

/// <summary>
/// Builds the media-node host: options (validated at start; the trunk password read from Key Vault if so configured), storage clients, the event publisher, the call
/// registry (which ends all calls on shutdown), the command queue worker and the <c>/healthz</c> endpoint.
/// </summary>
public static class MediaNodeApp
{
    /// <summary>Builds the app from <paramref name="args"/>, environment and <paramref name="settings"/> (later wins).</summary>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        // RTP receive loops run on the thread pool; with its default minimum (one thread per core) received audio
        // stalls for ~1 s under load and arrives in bursts (see media-node/Voice.Media/README.md).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));

        var builder = WebApplication.CreateSlimBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddOptions<MediaNodeOptions>().BindConfiguration(MediaNodeOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MediaNodeOptions>, MediaNodeOptionsValidator>();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var port = context.Configuration.GetValue($"{MediaNodeOptions.Section}:HealthPort", new MediaNodeOptions().HealthPort);
            kestrel.ListenAnyIP(port is >= 1 and <= 65535 ? port : new MediaNodeOptions().HealthPort);
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenCredential>(sp => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = sp.GetRequiredService<IConfiguration>()["AZURE_CLIENT_ID"],
        }));
        builder.Services.AddSingleton(sp => new KeyVaultSecretReader(sp.GetRequiredService<TokenCredential>()));

        // What every call leg shares, built once here: the SSRF guard, the prompt fetcher and its cache, the guarded
        // WebSocket connector for streams, the HTTP client for cloud speech, TTS, the VAD model and the speech recognizers.
        builder.Services.AddOutboundTargetGuard(builder.Configuration.GetValue($"{MediaNodeOptions.Section}:AllowPrivateTargets", false));
        builder.Services.AddPromptHttpClient();
        builder.Services.AddSpeechHttpClient();
        builder.Services.AddSingleton(sp => new GuardedWebSockets(sp.GetRequiredService<OutboundTargetGuard>()));
        builder.Services.AddSingleton(sp => new PromptCache(sp.GetRequiredService<IOptions<MediaNodeOptions>>().Value.Prompts.CacheBytes));
        builder.Services.AddSingleton(sp => new PromptFetcher(
            sp.GetRequiredService<OutboundTargetGuard>(), sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<PromptCache>(),
            sp.GetRequiredService<IOptions<MediaNodeOptions>>().Value.Prompts));
        builder.Services.AddSingleton(_ => new EspeakTts());
        builder.Services.AddSingleton(sp => new VadModelSource(sp.GetRequiredService<IOptions<MediaNodeOptions>>().Value.Speech));
        builder.Services.AddSingleton(sp => new SpeechRecognizers(
            sp.GetRequiredService<IOptions<MediaNodeOptions>>().Value.Speech,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.Speech),
            sp.GetRequiredService<TokenCredential>()));

        // First hosted service: the trunk password must be in place before the command worker can dial.
        builder.Services.AddHostedService<TrunkPasswordLoader>();
        builder.Services.AddSingleton(sp => new NodeIdentity(sp.GetRequiredService<IOptions<MediaNodeOptions>>().Value));
        builder.Services.AddSingleton(sp => VoiceStorageClients.Create(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<NodeIdentity>().Address,
            args => sp.GetRequiredService<CommandQueueWorker>().OnUndecodableMessageAsync(args)));
        builder.Services.AddSingleton<MediaEventPublisher>();
        builder.Services.AddSingleton<RecentCommandIds>(_ => new RecentCommandIds());
        builder.Services.AddSingleton(sp => new CallRegistry(sp.GetRequiredService<MediaEventPublisher>(), sp.GetRequiredService<ILogger<CallRegistry>>())
        {
            Node = sp.GetRequiredService<NodeIdentity>(),
        });
        builder.Services.AddSingleton<IMediaCommandHandler>(sp => sp.GetRequiredService<CallRegistry>());
        builder.Services.AddHostedService<StorageProvisioning>();

        // Hosted services stop in reverse order: the worker stops taking commands, then the calls are ended,
        // then the SIP user agent and the media clock stop.
        builder.Services.AddSingleton<SipNode>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SipNode>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CallRegistry>());
        builder.Services.AddSingleton<CommandQueueWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CommandQueueWorker>());

        // Last to start, first to stop: the registry hears the node is going before anything else stops.
        builder.Services.AddSingleton<NodeHeartbeat>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeHeartbeat>());

        var app = builder.Build();
        app.MapHealth();
        return app;
    }
}

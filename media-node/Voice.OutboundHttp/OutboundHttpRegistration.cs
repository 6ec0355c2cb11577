using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;

namespace Voice.OutboundHttp;

/// <summary>
/// Registers the named clients of <see cref="OutboundHttpClients"/>. Each method may be called more than once (the
/// functions' and the engine's registrations both need some): the client is configured once. Every client has an
/// infinite <see cref="HttpClient.Timeout"/> — callers pass their own budgets as cancellation, the pipelines below
/// bound attempts — and no request logging (URLs of call-flow GETs carry call data in their query).
/// </summary>
public static class OutboundHttpRegistration
{
    /// <summary>The guard the guarded clients use; the first registration wins.</summary>
    public static IServiceCollection AddOutboundTargetGuard(this IServiceCollection services, bool allowPrivateTargets)
    {
        services.TryAddSingleton(new OutboundTargetGuard(allowPrivateTargets));
        return services;
    }

    /// <summary>Webhooks and subscription handshakes: guarded, no retry (a retried POST would deliver twice).</summary>
    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        if (Registered(services, OutboundHttpClients.Webhooks))
        {
            return services;
        }

        Guarded(services, OutboundHttpClients.Webhooks);
        return services;
    }

    /// <summary>
    /// Call-flow fetches: guarded, connections within <paramref name="connectTimeout"/>, one retry of a GET that could
    /// not connect. The caller's budget (the fetch's response timeout) covers both tries.
    /// </summary>
    public static IServiceCollection AddCallFlowHttpClient(this IServiceCollection services, TimeSpan connectTimeout)
    {
        if (Registered(services, OutboundHttpClients.CallFlows))
        {
            return services;
        }

        Guarded(services, OutboundHttpClients.CallFlows, handler => handler.ConnectTimeout = connectTimeout)
            .AddResilienceHandler("call-flow", pipeline => pipeline.AddRetry(OutboundRetries.ConnectFailure(TimeSpan.FromMilliseconds(100))));
        return services;
    }

    /// <summary>
    /// Prompt downloads on the media-node: guarded, 30 s for the whole download, 10 s per attempt, transient GET
    /// failures retried twice. Size limits and caching are the caller's (the node's prompt cache).
    /// </summary>
    public static IServiceCollection AddPromptHttpClient(this IServiceCollection services)
    {
        if (Registered(services, OutboundHttpClients.Prompts))
        {
            return services;
        }

        Guarded(services, OutboundHttpClients.Prompts).AddResilienceHandler("prompts", pipeline => pipeline
            .AddTimeout(TimeSpan.FromSeconds(30))
            .AddRetry(OutboundRetries.TransientSafeRequests(2, TimeSpan.FromMilliseconds(200)))
            .AddTimeout(TimeSpan.FromSeconds(10)));
        return services;
    }

    /// <summary>
    /// Entra ID metadata: not guarded (the operator configures the URL, and tests serve it on loopback), 10 s per
    /// attempt, transient failures retried three times.
    /// </summary>
    public static IServiceCollection AddEntraMetadataHttpClient(this IServiceCollection services)
    {
        if (Registered(services, OutboundHttpClients.EntraMetadata))
        {
            return services;
        }

        Plain(services, OutboundHttpClients.EntraMetadata).AddResilienceHandler("entra-metadata", pipeline => pipeline
            .AddTimeout(TimeSpan.FromSeconds(30))
            .AddRetry(OutboundRetries.TransientSafeRequests(3, TimeSpan.FromMilliseconds(500)))
            .AddTimeout(TimeSpan.FromSeconds(10)));
        return services;
    }

    /// <summary>Cloud speech: not guarded (an operator-configured endpoint), 30 s per request, no retry (audio is POSTed).</summary>
    public static IServiceCollection AddSpeechHttpClient(this IServiceCollection services)
    {
        if (Registered(services, OutboundHttpClients.Speech))
        {
            return services;
        }

        Plain(services, OutboundHttpClients.Speech).ConfigureHttpClient(client => client.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }

    private static IHttpClientBuilder Guarded(IServiceCollection services, string name, Action<SocketsHttpHandler>? configure = null) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var handler = sp.GetRequiredService<OutboundTargetGuard>().CreateHandler();
                configure?.Invoke(handler);
                return handler;
            })
            .RemoveAllLoggers();

    private static IHttpClientBuilder Plain(IServiceCollection services, string name) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .RemoveAllLoggers();

    /// <summary>True when <paramref name="name"/> was registered before; marks it registered otherwise.</summary>
    private static bool Registered(IServiceCollection services, string name)
    {
        if (services.Any(d => d.ServiceType == typeof(RegisteredClient) && d.ImplementationInstance is RegisteredClient r && r.Name == name))
        {
            return true;
        }

        services.AddSingleton(new RegisteredClient(name));
        return false;
    }

    private sealed record RegisteredClient(string Name);
}

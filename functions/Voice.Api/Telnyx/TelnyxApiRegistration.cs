using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Voice.Api.Telnyx;

/// <summary>The Telnyx Call Control v2 dialect's services and routes, all under <see cref="Prefix"/>.</summary>
public static class TelnyxApiRegistration
{
    /// <summary>The SDK's <c>baseURL</c> is the host plus this (compat-notes §0.1).</summary>
    public const string Prefix = "v2";

    public static IServiceCollection AddTelnyxDialect(this IServiceCollection services)
    {
        services.TryAddSingleton<TelnyxSigningKeyStore>();
        services.TryAddSingleton<Voice.Storage.CallEventLog>();
        services.TryAddSingleton<TelnyxCallEventRecorder>();
        services.AddSingleton<Voice.Events.Webhooks.IWebhookFormat, TelnyxWebhookFormat>();
        return services;
    }

    public static IEndpointRouteBuilder MapTelnyxApi(this IEndpointRouteBuilder app)
    {
        app.MapTelnyxCallsApi();
        app.MapTelnyxConferencesApi();
        app.MapTelnyxQueuesApi();
        app.MapTelnyxCallControlApplicationsApi();
        app.MapTelnyxConnectionsApi();
        app.MapTelnyxPublicKeyApi();
        app.MapTelnyxCallEventsApi();

        // Last in spirit (a catch-all has the lowest precedence whatever the order): every other /v2 request.
        app.MapTelnyxUnsupportedApi();
        return app;
    }
}

using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Voice.Api.Vonage.Calls;
using Voice.Api.Vonage.Webhooks;

namespace Voice.Api.Vonage;

/// <summary>
/// The Vonage Voice API v1 dialect's services and routes (<c>/v1/calls…</c>; the SDK's <c>apiHost</c> is the origin,
/// compat-notes §0.8). Calls of Vonage applications speak Vonage's wire in their webhooks and call-flow requests.
/// </summary>
public static class VonageApiRegistration
{
    public static IServiceCollection AddVonageDialect(this IServiceCollection services)
    {
        services.TryAddSingleton<VonageCallbackRequests>();
        services.AddSingleton<Voice.Events.Webhooks.IWebhookFormat, VonageWebhookFormat>();
        services.AddSingleton<Voice.Engine.Webhooks.ICallFlowRequestFormat, VonageCallFlowRequests>();
        return services;
    }

    public static IEndpointRouteBuilder MapVonageApi(this IEndpointRouteBuilder app) => app.MapVonageCallsApi();
}

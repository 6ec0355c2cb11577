using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Admin;
using Voice.Api.Analytics;
using Voice.Api.Telefon;
using Voice.Api.Telnyx;
using Voice.Api.Vonage;
using Voice.Engine;

namespace Voice.Api;

/// <summary>The one place both hosts (DevHost and the Functions app) register and map the API.</summary>
public static class VoiceApiRegistration
{
    /// <summary>Registers the engine (see <see cref="VoiceEngineRegistration"/>) the handlers use.</summary>
    public static IServiceCollection AddVoiceApi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddVoiceEngine(configuration).AddTelnyxDialect().AddVonageDialect();

    /// <summary>
    /// Maps every API dialect's routes and the operator's admin API (DevHost; the Functions app binds the same
    /// handlers to triggers). Each host registers its own <see cref="IOperatorAuthenticator"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapVoiceApi(this IEndpointRouteBuilder app)
    {
        app.MapTelefonCallsApi();
        app.MapTelefonConferencesApi();
        app.MapTelefonRecordingsApi();
        app.MapTelefonNumbersApi();
        app.MapTelefonApplicationsApi();
        app.MapTelnyxApi();
        app.MapVonageApi();
        app.MapVoiceAnalyticsApi();
        app.MapConversationRecordingsApi();
        app.MapConversationsApi();
        app.MapAdminApi();
        return app;
    }
}

using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Voice.Engine.Calls;
using Voice.Engine.Conferences;
using Voice.Api.Telefon;
using Voice.Storage;

namespace Voice.Api;

/// <summary>The one place both hosts (DevHost and the Functions app) register and map the API.</summary>
public static class VoiceApiRegistration
{
    /// <summary>Registers storage (from the <c>VoiceStorage</c> connection), repositories and engine services.</summary>
    public static IServiceCollection AddVoiceApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton<CallRepository>();
        services.TryAddSingleton<ConferenceRepository>();
        services.TryAddSingleton<PhoneNumberRepository>();
        services.TryAddSingleton<ApiKeyRepository>();
        services.TryAddSingleton<AccountRepository>();
        services.TryAddSingleton<MediaCommandQueue>();
        services.TryAddSingleton<CallService>();
        services.TryAddSingleton<ConferenceService>();
        return services;
    }

    /// <summary>Maps every API dialect's routes (DevHost; the Functions app binds the same handlers to triggers).</summary>
    public static IEndpointRouteBuilder MapVoiceApi(this IEndpointRouteBuilder app)
    {
        app.MapTelefonCallsApi();
        app.MapTelefonConferencesApi();
        return app;
    }
}

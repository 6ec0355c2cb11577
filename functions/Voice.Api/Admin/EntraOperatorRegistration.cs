using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Voice.OutboundHttp;

namespace Voice.Api.Admin;

/// <summary>The Functions app's operator authentication: Microsoft Entra ID, from <c>AdminAuth:*</c>.</summary>
public static class EntraOperatorRegistration
{
    /// <summary>
    /// Registers <see cref="EntraOperatorAuthenticator"/> when <c>AdminAuth:TenantId</c> and <c>ClientId</c> are set;
    /// without them nothing is registered and the admin API answers 503 (fails closed).
    /// </summary>
    public static IServiceCollection AddEntraOperatorAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        if (EntraOperatorOptions.FromConfiguration(configuration) is { } options)
        {
            services.AddEntraMetadataHttpClient();
            services.TryAddSingleton<IOperatorAuthenticator>(sp => new EntraOperatorAuthenticator(
                options, sp.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.EntraMetadata)));
        }

        return services;
    }
}

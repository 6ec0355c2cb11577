using Microsoft.Extensions.DependencyInjection.Extensions;
using Voice.Api.Admin;

namespace Voice.DevHost.Admin;

/// <summary>DevHost authenticates the shared admin API (<see cref="AdminApi"/>) with its local <see cref="AdminKey"/>.</summary>
public static class DevHostAdminRegistration
{
    /// <summary>A caller's own <see cref="IOperatorAuthenticator"/> registered before this wins (tests use Entra ID's).</summary>
    public static IServiceCollection AddDevHostAdminKey(this IServiceCollection services)
    {
        services.AddSingleton<AdminKey>();
        services.TryAddSingleton<IOperatorAuthenticator>(sp => sp.GetRequiredService<AdminKey>());
        return services;
    }
}

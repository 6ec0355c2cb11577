using Microsoft.Extensions.Options;

namespace Voice.MediaNode.Configuration;

/// <summary>
/// At start, before any call can be dialled, fills <c>Trunk.Password</c> from the Key Vault secret named by
/// <c>MediaNode__Trunk__PasswordSecretUri</c> (an explicit <c>MediaNode__Trunk__Password</c> wins). A secret that cannot
/// be read stops the node from starting, with the reason: a node that cannot authenticate to its trunk would fail
/// every outbound call instead. Registered as the first hosted service.
/// </summary>
public sealed class TrunkPasswordLoader(IOptions<MediaNodeOptions> options, KeyVaultSecretReader secrets, ILogger<TrunkPasswordLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var trunk = options.Value.Trunk;
        if (!string.IsNullOrEmpty(trunk.Password) || string.IsNullOrWhiteSpace(trunk.PasswordSecretUri))
        {
            return;
        }

        try
        {
            trunk.Password = await secrets.ReadAsync(new Uri(trunk.PasswordSecretUri), cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"MediaNode__Trunk__PasswordSecretUri: {e.Message}", e);
        }

        logger.LogInformation("Trunk password read from Key Vault ({SecretUri})", trunk.PasswordSecretUri);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

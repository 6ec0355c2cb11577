using System.Net;
using Microsoft.Extensions.Options;

namespace Voice.MediaNode.Configuration;

/// <summary>
/// Checks <see cref="MediaNodeOptions"/> and names every wrong setting by its environment variable, so a
/// misconfigured container fails at start with one readable message instead of at the first call.
/// </summary>
public sealed class MediaNodeOptionsValidator : IValidateOptions<MediaNodeOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaNodeOptions options)
    {
        var errors = new List<string>();
        if (!IPEndPoint.TryParse(options.Sip.ListenAddress ?? "", out var listen) || listen.Port == 0 || !HasExplicitPort(options.Sip.ListenAddress!))
        {
            errors.Add($"MediaNode__Sip__ListenAddress '{options.Sip.ListenAddress}' must be an IP endpoint such as 0.0.0.0:5060.");
        }

        if (!string.IsNullOrWhiteSpace(options.Sip.AdvertisedAddress) && !IsHostOrHostPort(options.Sip.AdvertisedAddress))
        {
            errors.Add($"MediaNode__Sip__AdvertisedAddress '{options.Sip.AdvertisedAddress}' must be a host or host:port.");
        }

        if (options.Sip.SessionExpiresSeconds is < 90 or > 86400)
        {
            errors.Add($"MediaNode__Sip__SessionExpiresSeconds {options.Sip.SessionExpiresSeconds} must be from 90 (RFC 4028's Min-SE) to 86400.");
        }

        var rtp = options.Rtp;
        if (rtp.PortMin < 1024 || rtp.PortMin % 2 != 0 || rtp.PortMin > 65534)
        {
            errors.Add($"MediaNode__Rtp__PortMin {rtp.PortMin} must be an even port between 1024 and 65534.");
        }
        else if (rtp.PortMax > 65535 || rtp.PortMax < rtp.PortMin + 1)
        {
            errors.Add($"MediaNode__Rtp__PortMax {rtp.PortMax} must be at least PortMin + 1 ({rtp.PortMin + 1}) and at most 65535.");
        }

        if (rtp.ReceiveThreads is < 1 or > 16)
        {
            errors.Add($"MediaNode__Rtp__ReceiveThreads {rtp.ReceiveThreads} must be from 1 to 16.");
        }

        if (options.Prompts.MaxBytes is < 1024 or > 100 * 1024 * 1024)
        {
            errors.Add($"MediaNode__Prompts__MaxBytes {options.Prompts.MaxBytes} must be from 1024 to 104857600 (100 MiB).");
        }

        if (options.Prompts.CacheBytes < 0)
        {
            errors.Add($"MediaNode__Prompts__CacheBytes {options.Prompts.CacheBytes} must not be negative.");
        }

        var clock = options.Clock;
        if (clock.Threads is < 1 or > 16)
        {
            errors.Add($"MediaNode__Clock__Threads {clock.Threads} must be from 1 to 16.");
        }

        if (clock.Phases is < 1 or > 200)
        {
            errors.Add($"MediaNode__Clock__Phases {clock.Phases} must be from 1 to 200.");
        }

        if (clock.SpinMicroseconds is < 0 or > 2000)
        {
            errors.Add($"MediaNode__Clock__SpinMicroseconds {clock.SpinMicroseconds} must be from 0 to 2000.");
        }

        var trunk = options.Trunk;
        if (!string.IsNullOrWhiteSpace(trunk.Uri) && !trunk.Uri.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"MediaNode__Trunk__Uri '{trunk.Uri}' must be a sip: URI such as sip:trunk.example.com:5060.");
        }

        if (!string.IsNullOrWhiteSpace(trunk.Username) && string.IsNullOrEmpty(trunk.Password) && string.IsNullOrWhiteSpace(trunk.PasswordSecretUri))
        {
            errors.Add("MediaNode__Trunk__Username is set but neither MediaNode__Trunk__Password nor MediaNode__Trunk__PasswordSecretUri is.");
        }

        if (!string.IsNullOrWhiteSpace(trunk.PasswordSecretUri)
            && (!System.Uri.TryCreate(trunk.PasswordSecretUri, UriKind.Absolute, out var secret) || !KeyVaultSecretReader.IsSecretUri(secret)))
        {
            errors.Add($"MediaNode__Trunk__PasswordSecretUri '{trunk.PasswordSecretUri}' must be an https Key Vault secret URI (https://<vault>.vault.azure.net/secrets/<name>).");
        }

        if (options.Commands.MaxIdlePollMs is < 20 or > 5000)
        {
            errors.Add($"MediaNode__Commands__MaxIdlePollMs {options.Commands.MaxIdlePollMs} must be from 20 to 5000.");
        }

        if (options.Commands.MaxCommandsInFlight is < 1 or > 1024)
        {
            errors.Add($"MediaNode__Commands__MaxCommandsInFlight {options.Commands.MaxCommandsInFlight} must be from 1 to 1024.");
        }

        if (options.Commands.VisibilityTimeoutSeconds is < 1 or > 300)
        {
            errors.Add($"MediaNode__Commands__VisibilityTimeoutSeconds {options.Commands.VisibilityTimeoutSeconds} must be from 1 to 300.");
        }

        var node = options.Node;
        if (!string.IsNullOrEmpty(node.Id) && !Voice.Media.Contracts.Nodes.MediaNodeAddress.IsValidNodeId(node.Id))
        {
            errors.Add($"MediaNode__Node__Id '{node.Id}' must be 1-32 lowercase letters, digits and inner dashes (it names the node's command queue).");
        }

        if (node.MaxCalls is < 1)
        {
            errors.Add($"MediaNode__Node__MaxCalls {node.MaxCalls} must be at least 1.");
        }

        if (node.HeartbeatSeconds is < 1 or > 60)
        {
            errors.Add($"MediaNode__Node__HeartbeatSeconds {node.HeartbeatSeconds} must be from 1 to 60.");
        }

        if (node.RetryAfterSeconds is < 1 or > 3600)
        {
            errors.Add($"MediaNode__Node__RetryAfterSeconds {node.RetryAfterSeconds} must be from 1 to 3600.");
        }

        if (options.Media.InactivityTimeoutSeconds is < 0 or > 3600)
        {
            errors.Add($"MediaNode__Media__InactivityTimeoutSeconds {options.Media.InactivityTimeoutSeconds} must be from 0 (off) to 3600.");
        }

        if (options.HealthPort is < 1 or > 65535)
        {
            errors.Add($"MediaNode__HealthPort {options.HealthPort} must be a TCP port (1-65535).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool HasExplicitPort(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && colon < endpoint.Length - 1 && !endpoint.EndsWith(']');
    }

    private static bool IsHostOrHostPort(string value)
    {
        var host = value;
        var colon = value.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(value.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
            {
                return false;
            }

            host = value[..colon];
        }

        return System.Uri.CheckHostName(host) != UriHostNameType.Unknown;
    }
}

namespace Voice.Media.Contracts.Addressing;

/// <summary>
/// The one SIP URI check of the product (API <c>to</c>, call-flow <c>connect</c> endpoints, the media-node's dial
/// targets, an application's SIP addresses): a dialable <c>sip:</c> or <c>sips:</c> URI — scheme, optional
/// <c>user@</c>, a host of letters, digits, '.', '-' (or an IPv4 address), optional <c>:port</c> 1..65535, optional
/// <c>;parameters</c>; no spaces, control characters, angle brackets or quotes; at most 256 characters.
/// </summary>
public static class DialableSipUri
{
    public const int MaxLength = 256;

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length > MaxLength)
        {
            return false;
        }

        ReadOnlySpan<char> rest;
        if (value.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            rest = value.AsSpan(4);
        }
        else if (value.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            rest = value.AsSpan(5);
        }
        else
        {
            return false;
        }

        foreach (var c in rest)
        {
            if (c <= ' ' || c >= 0x7f || c is '<' or '>' or '"')
            {
                return false;
            }
        }

        var parameters = rest.IndexOf(';');
        var hostPort = parameters >= 0 ? rest[..parameters] : rest;
        var at = hostPort.LastIndexOf('@');
        if (at == 0)
        {
            return false;
        }

        if (at > 0)
        {
            hostPort = hostPort[(at + 1)..];
        }

        var colon = hostPort.IndexOf(':');
        var host = colon >= 0 ? hostPort[..colon] : hostPort;
        if (colon >= 0 && (!int.TryParse(hostPort[(colon + 1)..], System.Globalization.NumberStyles.None, null, out var port) || port is < 1 or > 65535))
        {
            return false;
        }

        return IsHost(host);
    }

    /// <summary>A SIP domain an application answers (<c>sip.example.com</c>): the host rule above, no scheme or port.</summary>
    public static bool IsDomain(string? value) => value is { Length: > 0 and <= 253 } && IsHost(value);

    private static bool IsHost(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty || host[0] == '.' || host[0] == '-' || host[^1] == '.')
        {
            return false;
        }

        foreach (var c in host)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}

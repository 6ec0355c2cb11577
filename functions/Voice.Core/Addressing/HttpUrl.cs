namespace Voice.Core.Addressing;

/// <summary>Checks of the call addresses the API accepts: E.164 numbers and SIP URIs.</summary>
public static class PhoneAddress
{
    /// <summary>E.164: '+', a non-zero first digit, 7 to 15 digits in all.</summary>
    public static bool IsE164(string? value)
    {
        if (value is null || value.Length < 8 || value.Length > 16 || value[0] != '+' || value[1] == '0')
        {
            return false;
        }

        foreach (var c in value.AsSpan(1))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A dialable sip: or sips: URI: scheme, optional user@, a host of letters, digits, '.', '-', or an IPv4
    /// address, optional :port (1..65535), optional ;parameters; no spaces or control characters; at most 256 characters.
    /// </summary>
    public static bool IsSipUri(string? value)
    {
        if (value is null || value.Length > 256)
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

    /// <summary>An absolute http or https URL with a host (webhook targets).</summary>
    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}

using System.Text;

namespace Voice.Sip.Messages;

/// <summary>
/// A URI as SIP uses it. <c>sip:</c> and <c>sips:</c> URIs are parsed into user, password, host, port, parameters and
/// headers; <c>tel:</c> into the number (as <see cref="User"/>) and parameters; any other scheme is kept verbatim in
/// <see cref="Raw"/> (RFC 3261 §19.1, RFC 3966). Immutable apart from <see cref="Parameters"/>.
/// </summary>
public sealed class SipUri
{
    private SipUri(string scheme, string raw)
    {
        Scheme = scheme;
        Raw = raw;
    }

    /// <summary>Scheme in lower case (<c>sip</c>, <c>sips</c>, <c>tel</c>, or anything else).</summary>
    public string Scheme { get; }

    /// <summary>The URI as it was written (for unknown schemes, the only representation).</summary>
    public string Raw { get; }

    /// <summary>True for <c>sip</c> and <c>sips</c>.</summary>
    public bool IsSip => Scheme is "sip" or "sips";

    /// <summary>User part as written (escapes kept), or the telephone number of a tel URI.</summary>
    public string? User { get; private init; }

    /// <summary>Password part of the userinfo (discouraged by RFC 3261 but valid).</summary>
    public string? Password { get; private init; }

    /// <summary>Host name, IPv4 address, or bracketed IPv6 reference; empty for non-SIP schemes.</summary>
    public string Host { get; private init; } = "";

    /// <summary>Explicit port, if any.</summary>
    public int? Port { get; private init; }

    /// <summary>URI parameters (<c>;transport=tcp;lr</c>).</summary>
    public SipParameters Parameters { get; private init; } = new();

    /// <summary>The <c>?</c> header part as written, without the question mark.</summary>
    public string? Headers { get; private init; }

    /// <summary>Creates a <c>sip:</c> URI.</summary>
    public static SipUri Create(string? user, string host, int? port = null, string scheme = "sip")
    {
        var uri = new SipUri(scheme, "") { User = user, Host = host, Port = port };
        return new SipUri(scheme, uri.ToString()) { User = user, Host = host, Port = port, Parameters = uri.Parameters };
    }

    /// <summary>Parses a URI; returns false (never throws) when it is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipUri uri)
    {
        uri = null!;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !IsScheme(text[..colon]) || ContainsForbidden(text))
        {
            return false;
        }

        var scheme = text[..colon].ToString().ToLowerInvariant();
        var rest = text[(colon + 1)..];
        if (rest.IsEmpty)
        {
            return false;
        }

        if (scheme is "sip" or "sips")
        {
            return TryParseSip(scheme, text, rest, out uri);
        }

        if (scheme == "tel")
        {
            var semi = rest.IndexOf(';');
            var number = semi < 0 ? rest : rest[..semi];
            if (number.IsEmpty || !SipParameters.TryParseUriParameters(semi < 0 ? [] : rest[semi..], out var telParams))
            {
                return false;
            }

            uri = new SipUri(scheme, text.ToString()) { User = number.ToString(), Parameters = telParams };
            return true;
        }

        uri = new SipUri(scheme, text.ToString());
        return true;
    }

    /// <summary>Parses a URI or returns null.</summary>
    public static SipUri? Parse(string text) => TryParse(text, out var uri) ? uri : null;

    /// <summary>Canonical text: SIP and tel URIs are rebuilt from their parts, others are returned as written.</summary>
    public override string ToString()
    {
        if (!IsSip && Scheme != "tel")
        {
            return Raw;
        }

        var builder = new StringBuilder(Scheme).Append(':');
        if (Scheme == "tel")
        {
            builder.Append(User);
            Parameters.AppendTo(builder);
            return builder.ToString();
        }

        if (User is not null)
        {
            builder.Append(User);
            if (Password is not null)
            {
                builder.Append(':').Append(Password);
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port);
        }

        Parameters.AppendTo(builder);
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }

        return builder.ToString();
    }

    /// <summary>A copy with its own parameter list (so callers can add or remove parameters safely).</summary>
    public SipUri Clone() =>
        new(Scheme, Raw) { User = User, Password = Password, Host = Host, Port = Port, Parameters = Parameters.Clone(), Headers = Headers };

    private static bool TryParseSip(string scheme, ReadOnlySpan<char> whole, ReadOnlySpan<char> rest, out SipUri uri)
    {
        uri = null!;
        string? user = null;
        string? password = null;

        // userinfo may itself contain ';', '?', ',' and '/' (user-unreserved), but never an unescaped '@'.
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            var pc = userinfo.IndexOf(':');
            var userPart = pc < 0 ? userinfo : userinfo[..pc];
            if (userPart.IsEmpty)
            {
                return false;
            }

            user = userPart.ToString();
            password = pc < 0 ? null : userinfo[(pc + 1)..].ToString();
            rest = rest[(at + 1)..];
        }

        var q = rest.IndexOf('?');
        string? headers = null;
        if (q >= 0)
        {
            headers = rest[(q + 1)..].ToString();
            if (headers.Length == 0)
            {
                return false;
            }

            rest = rest[..q];
        }

        var semi = rest.IndexOf(';');
        var hostport = semi < 0 ? rest : rest[..semi];
        if (!TryParseHostPort(hostport, out var host, out var port)
            || !SipParameters.TryParseUriParameters(semi < 0 ? [] : rest[semi..], out var parameters))
        {
            return false;
        }

        uri = new SipUri(scheme, whole.ToString())
        {
            User = user,
            Password = password,
            Host = host,
            Port = port,
            Parameters = parameters,
            Headers = headers,
        };
        return true;
    }

    /// <summary>Parses <c>host[:port]</c> where host is a hostname, IPv4 address or <c>[IPv6]</c>.</summary>
    public static bool TryParseHostPort(ReadOnlySpan<char> text, out string host, out int? port)
    {
        host = "";
        port = null;
        ReadOnlySpan<char> portText = [];
        if (text.StartsWith("["))
        {
            var close = text.IndexOf(']');
            if (close < 2)
            {
                return false;
            }

            foreach (var c in text[1..close])
            {
                if (!(char.IsAsciiHexDigit(c) || c is ':' or '.'))
                {
                    return false;
                }
            }

            host = text[..(close + 1)].ToString();
            var after = text[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':')
                {
                    return false;
                }

                portText = after[1..];
                if (portText.IsEmpty)
                {
                    return false;
                }
            }
        }
        else
        {
            var colon = text.IndexOf(':');
            var name = colon < 0 ? text : text[..colon];
            if (name.IsEmpty)
            {
                return false;
            }

            foreach (var c in name)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
                {
                    return false;
                }
            }

            host = name.ToString();
            if (colon >= 0)
            {
                portText = text[(colon + 1)..];
                if (portText.IsEmpty)
                {
                    return false;
                }
            }
        }

        if (!portText.IsEmpty)
        {
            if (!SipCharacters.TryParseBounded(portText, 65535, out var value))
            {
                return false;
            }

            port = (int)value;
        }

        return true;
    }

    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (!char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsForbidden(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '\x7f')
            {
                return true;
            }
        }

        return false;
    }
}

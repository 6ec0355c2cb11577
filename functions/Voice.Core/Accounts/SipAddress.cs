using Voice.Media.Contracts.Addressing;

namespace Voice.Core.Accounts;

/// <summary>
/// A SIP address an application answers, as inbound routing compares them: one user at a host
/// (<c>sip:support@example.com</c>) or a whole domain (<c>sip:example.com</c>, no user part). The scheme (sip/sips),
/// port, password and parameters take no part; the host compares case-insensitively and the user exactly, as
/// RFC 3261 §19.1.4 compares URIs. Only what <see cref="DialableSipUri"/> accepts parses.
/// </summary>
public sealed record SipAddress
{
    private SipAddress(string host, string? user)
    {
        Host = host;
        User = user;
    }

    /// <summary>Lower case, without port.</summary>
    public string Host { get; }

    /// <summary>Null for a domain.</summary>
    public string? User { get; }

    public bool IsDomain => User is null;

    /// <summary>The domain this address lies in (itself when it is one).</summary>
    public SipAddress Domain => IsDomain ? this : new SipAddress(Host, null);

    /// <summary>The address of a dialable <c>sip:</c>/<c>sips:</c> URI; null for anything else.</summary>
    public static SipAddress? Parse(string? uri)
    {
        if (uri is null || !DialableSipUri.IsValid(uri))
        {
            return null;
        }

        var rest = uri[(uri.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var parameters = rest.IndexOf(';', StringComparison.Ordinal);
        if (parameters >= 0)
        {
            rest = rest[..parameters];
        }

        var at = rest.LastIndexOf('@');
        var user = at > 0 ? rest[..at] : null;
        if (user?.IndexOf(':', StringComparison.Ordinal) is >= 0 and var password)
        {
            user = user[..password];
        }

        var hostPort = at > 0 ? rest[(at + 1)..] : rest;
        var colon = hostPort.IndexOf(':', StringComparison.Ordinal);
        var host = colon >= 0 ? hostPort[..colon] : hostPort;
        return new SipAddress(host.ToLowerInvariant(), string.IsNullOrEmpty(user) ? null : user);
    }

    /// <summary>The canonical form: <c>sip:user@host</c> or <c>sip:host</c>.</summary>
    public override string ToString() => User is null ? "sip:" + Host : $"sip:{User}@{Host}";
}

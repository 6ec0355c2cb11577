using System.Net;
using System.Net.Sockets;

namespace Voice.OutboundHttp;

/// <summary>
/// The SSRF guard of every URL the platform fetches for a customer: webhooks, subscription endpoints, call-flow
/// documents, and the media-node's prompts and WebSocket streams (<see cref="GuardedWebSockets"/>). A target must be an absolute http(s) URL without credentials whose host
/// resolves only to public addresses (<see cref="PrivateAddressRanges"/>), unless private targets are allowed for
/// the whole host (<see cref="AllowPrivateTargets"/>: <c>Webhooks__AllowPrivateTargets</c> in the functions,
/// <c>MediaNode__AllowPrivateTargets</c> on the node; DevHost and tests) or for one request
/// (<see cref="AllowPrivateOption"/>, a per-account flag).
/// </summary>
/// <remarks>
/// <see cref="CheckAsync"/> gives an early, readable refusal; the rule that counts is enforced at connect time:
/// <see cref="CreateHandler"/>'s connect callback resolves the host, drops private addresses and connects to
/// exactly the addresses it checked, so DNS rebinding between check and connect gains nothing. Redirects are never
/// followed (a 3xx is the answer), and no proxy is used (a proxy would connect on our behalf, unchecked).
/// </remarks>
public sealed class OutboundTargetGuard(bool allowPrivateTargets)
{
    /// <summary>Request option a sender sets to allow private addresses for one request (per-account flag).</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateOption = new("Voice.OutboundHttp.AllowPrivateTargets");

    public bool AllowPrivateTargets => allowPrivateTargets;

    /// <summary>True when <paramref name="failure"/> (or what it wraps) is a refusal by the guard: never worth a retry.</summary>
    public static bool IsRefusal(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is TargetRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks scheme and resolved addresses. Never throws: DNS failures are refusals.</summary>
    public async Task<TargetCheck> CheckAsync(Uri? target, bool allowPrivateForRequest, CancellationToken cancellationToken)
    {
        if (target is null || !target.IsAbsoluteUri || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return TargetCheck.Refused("only absolute http and https URLs are allowed");
        }

        if (!string.IsNullOrEmpty(target.UserInfo))
        {
            return TargetCheck.Refused("credentials in the URL are not allowed");
        }

        if (allowPrivateTargets || allowPrivateForRequest)
        {
            return TargetCheck.Ok;
        }

        try
        {
            var addresses = await ResolveAsync(target.IdnHost, cancellationToken);
            var refused = addresses.FirstOrDefault(PrivateAddressRanges.Contains);
            return refused is null ? TargetCheck.Ok : TargetCheck.Refused($"{target.Host} resolves to non-public address {refused}");
        }
        catch (SocketException e)
        {
            return TargetCheck.Refused($"{target.Host} does not resolve: {e.SocketErrorCode}");
        }
    }

    /// <summary>
    /// A primary handler for guarded clients: no redirects, no proxy, no cookies, connections recycled every two
    /// minutes (DNS changes are seen), and a connect callback that enforces the address rules per connection.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = ConnectAsync,
    };

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var allowPrivate = allowPrivateTargets
            || (context.InitialRequestMessage.Options.TryGetValue(AllowPrivateOption, out var perRequest) && perRequest);
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !PrivateAddressRanges.Contains(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new TargetRefusedException($"{context.DnsEndPoint.Host} resolves to no public address");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Voice.Events.Targets;

/// <summary>
/// SSRF guard for webhook and subscription endpoints. A target must be an absolute http(s) URL whose host
/// resolves only to public addresses (<see cref="PrivateAddressRanges"/>), unless private targets are allowed
/// globally (<c>Webhooks__AllowPrivateTargets</c>, DevHost dev mode) or for the request (a per-account flag).
/// The check is repeated at connect time: <see cref="CreateHandler"/>'s connection callback resolves the host,
/// refuses private addresses and connects to exactly the address it checked, so DNS rebinding between check
/// and connect gains nothing. Redirects are never followed (a 3xx is a failed delivery), and no proxy is used.
/// </summary>
public sealed class WebhookTargetGuard(bool allowPrivateTargets)
{
    /// <summary>Request option a sender sets to allow private addresses for one request (per-account flag).</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateOption = new("Voice.Events.AllowPrivateTargets");

    public bool AllowPrivateTargets => allowPrivateTargets;

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
    /// The HTTP handler every delivery goes through: no redirects, no proxy, no cookies, and a connect callback
    /// that enforces the address rules per connection.
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
            throw new WebhookTargetRefusedException($"{context.DnsEndPoint.Host} resolves to no public address");
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

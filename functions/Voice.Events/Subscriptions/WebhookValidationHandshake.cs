using Voice.OutboundHttp;

namespace Voice.Events.Subscriptions;

/// <summary>
/// The CloudEvents 1.0 HTTP webhook abuse-protection handshake Event Grid runs when a subscription is created:
/// <c>OPTIONS</c> with <c>WebHook-Request-Origin</c> (and <c>WebHook-Request-Rate</c>); the endpoint must answer
/// 2xx with <c>WebHook-Allowed-Origin</c> equal to the origin or <c>*</c>. Never throws: failures are reasons.
/// </summary>
public sealed class WebhookValidationHandshake(OutboundTargetGuard guard, IHttpClientFactory clients, TimeSpan timeout) : IDisposable
{
    /// <summary>The origin Event Grid announces; receivers written for Event Grid accept it.</summary>
    public const string Origin = "eventgrid.azure.net";

    public const string RequestRate = "120";

    private readonly HttpClient http = clients.CreateClient(OutboundHttpClients.Webhooks);

    /// <summary>Null when the endpoint accepted, else why it did not.</summary>
    public async Task<string?> ValidateAsync(string endpoint, CancellationToken cancellationToken)
    {
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri);
        var check = await guard.CheckAsync(uri, allowPrivateForRequest: false, cancellationToken);
        if (!check.Allowed)
        {
            return "target refused: " + check.Reason;
        }

        using var request = new HttpRequestMessage(HttpMethod.Options, uri);
        request.Headers.TryAddWithoutValidation("WebHook-Request-Origin", Origin);
        request.Headers.TryAddWithoutValidation("WebHook-Request-Rate", RequestRate);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, timeoutSource.Token);
            if (!response.IsSuccessStatusCode)
            {
                return $"OPTIONS answered HTTP {(int)response.StatusCode}";
            }

            var allowed = response.Headers.TryGetValues("WebHook-Allowed-Origin", out var values) ? values.ToList() : [];
            return allowed.Any(v => v.Trim() == "*" || string.Equals(v.Trim(), Origin, StringComparison.OrdinalIgnoreCase))
                ? null
                : "WebHook-Allowed-Origin missing or not matching";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "OPTIONS timed out";
        }
        catch (HttpRequestException e)
        {
            return "OPTIONS failed: " + e.Message;
        }
    }

    public void Dispose() => http.Dispose();
}

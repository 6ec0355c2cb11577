using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Voice.Core.Lifecycles;
using Voice.OutboundHttp;

namespace Voice.Engine.Webhooks;

/// <summary>
/// Fetches call-flow documents (answer URLs, input eventUrls) with Vonage's budgets: the connection within
/// <see cref="FetchCallFlow.ConnectTimeoutMs"/>, the whole answer within <see cref="FetchCallFlow.ResponseTimeoutMs"/>.
/// Targets pass the SSRF guard; requests go through the <see cref="OutboundHttpClients.CallFlows"/> client (a GET that
/// could not connect is tried once more within the same budget). GET sends the payload's top-level fields as query parameters, POST as a JSON body.
/// Answers with <see cref="CallFlowFetched"/> for a 2xx and <see cref="WebhookFailed"/> for anything else; never throws
/// for a failure of the target.
/// </summary>
public sealed class CallFlowFetcher : IDisposable
{
    private const int MaxDocumentBytes = 256 * 1024;
    private readonly OutboundTargetGuard guard;
    private readonly HttpClient http;
    private readonly ILogger<CallFlowFetcher> logger;
    private readonly Dictionary<Voice.Core.Accounts.ApplicationDialect, ICallFlowRequestFormat> formats;

    public CallFlowFetcher(OutboundTargetGuard guard, IHttpClientFactory clients, ILogger<CallFlowFetcher> logger, IEnumerable<ICallFlowRequestFormat>? formats = null)
    {
        this.guard = guard;
        this.logger = logger;
        this.formats = (formats ?? []).ToDictionary(f => f.Dialect);
        http = clients.CreateClient(OutboundHttpClients.CallFlows);
    }

    public async Task<CallSignal> FetchAsync(FetchCallFlow fetch, CancellationToken cancellationToken)
    {
        try
        {
            var check = await guard.CheckAsync(Uri.TryCreate(fetch.Url, UriKind.Absolute, out var uri) ? uri : null, guard.AllowPrivateTargets, cancellationToken);
            if (!check.Allowed)
            {
                return new WebhookFailed(fetch.RequestId, fetch.Attempt, "refused target: " + check.Reason);
            }

            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(fetch.ResponseTimeoutMs);
            using var request = formats.TryGetValue(fetch.Dialect, out var format)
                ? await format.CreateAsync(fetch, uri!, budget.Token)
                : BuildRequest(fetch.Method, fetch.PayloadJson, uri!);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new WebhookFailed(fetch.RequestId, fetch.Attempt, $"HTTP {(int)response.StatusCode} from {fetch.Url}");
            }

            var body = await ReadLimitedAsync(response.Content, budget.Token);
            return body is null
                ? new WebhookFailed(fetch.RequestId, fetch.Attempt, $"answer from {fetch.Url} is larger than {MaxDocumentBytes / 1024} KiB")
                : new CallFlowFetched(fetch.RequestId, fetch.Attempt, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookFailed(fetch.RequestId, fetch.Attempt, $"no answer from {fetch.Url} within {fetch.ResponseTimeoutMs} ms");
        }
        catch (Exception e) when (e is HttpRequestException or TargetRefusedException or IOException)
        {
            logger.LogInformation("call flow fetch {Url} failed: {Reason}", fetch.Url, e.Message);
            return new WebhookFailed(fetch.RequestId, fetch.Attempt, $"could not reach {fetch.Url}: {e.Message}");
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>The request for a payload: GET with its top-level fields as query parameters, or POST with it as JSON.</summary>
    public static HttpRequestMessage BuildRequest(string method, string payloadJson, Uri uri)
    {
        if (string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            var query = new StringBuilder(uri.Query.Length > 1 ? uri.Query[1..] : "");
            using var payload = JsonDocument.Parse(payloadJson);
            foreach (var property in payload.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    continue;
                }

                query.Append(query.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(property.Name)).Append('=')
                    .Append(Uri.EscapeDataString(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
            }

            return new HttpRequestMessage(HttpMethod.Get, new UriBuilder(uri) { Query = query.ToString() }.Uri);
        }

        var content = new StringContent(payloadJson, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
    }

    private static async Task<string?> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

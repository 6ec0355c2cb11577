using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Voice.Events.Webhooks;
using Voice.Storage;

namespace Voice.Api.Vonage.Webhooks;

/// <summary>
/// Builds every request Vonage's wire sends to a customer (events, answer and input webhooks): POST with the JSON
/// body, or GET with its top-level fields as query parameters; signed (<see cref="VonageCallbackSigner"/>) when the
/// call's application has <c>signed_callbacks</c>. The application is read at send time, so turning signing on or off
/// applies to the next request.
/// </summary>
public sealed class VonageCallbackRequests(ApplicationRepository applications, SignedWebhookRequests secrets, TimeProvider clock)
{
    public async Task<HttpRequestMessage> CreateAsync(
        JsonObject body, string method, Uri endpoint, string accountId, string? applicationId, CancellationToken cancellationToken)
    {
        HttpRequestMessage request;
        string signed;
        if (string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            var query = new StringBuilder(endpoint.Query.Length > 1 ? endpoint.Query[1..] : "");
            var fields = new JsonObject();
            foreach (var (name, value) in body)
            {
                if (value is JsonValue scalar)
                {
                    var text = scalar.TryGetValue<string>(out var s) ? s : scalar.ToJsonString();
                    fields[name] = text;
                    query.Append(query.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(text));
                }
            }

            request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(endpoint) { Query = query.ToString() }.Uri);
            signed = fields.ToJsonString();
        }
        else
        {
            signed = body.ToJsonString();
            var content = new StringContent(signed, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        }

        request.Headers.UserAgent.ParseAdd("Vonage-Voice-Compatible/1.0");
        if (applicationId is not null
            && await applications.GetAsync(accountId, applicationId, cancellationToken) is { Vonage.SignedCallbacks: true })
        {
            var token = VonageCallbackSigner.Token(secrets.SecretFor(accountId), accountId, applicationId, Encoding.UTF8.GetBytes(signed), clock.GetUtcNow());
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}

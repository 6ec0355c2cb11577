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
    private static readonly System.Text.Json.JsonSerializerOptions QueryJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<HttpRequestMessage> CreateAsync(
        JsonObject body, string method, Uri endpoint, string accountId, string? applicationId, CancellationToken cancellationToken)
    {
        // The one request builder of call-flow requests (GET: top-level scalars as query parameters; POST: JSON).
        var json = body.ToJsonString();
        var request = Voice.Engine.Webhooks.CallFlowFetcher.BuildRequest(method, json, endpoint);
        var signed = request.Method == HttpMethod.Get ? QueryFieldsJson(body) : json;
        request.Headers.UserAgent.ParseAdd("Vonage-Voice-Compatible/1.0");
        if (applicationId is not null
            && await applications.GetAsync(accountId, applicationId, cancellationToken) is { Vonage.SignedCallbacks: true })
        {
            var token = VonageCallbackSigner.Token(secrets.SecretFor(accountId), accountId, applicationId, Encoding.UTF8.GetBytes(signed), clock.GetUtcNow());
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>What a GET's signature hashes: the query's fields as a JSON object of strings.</summary>
    private static string QueryFieldsJson(JsonObject body)
    {
        var fields = new JsonObject();
        foreach (var (name, value) in body)
        {
            if (value is JsonValue scalar)
            {
                fields[name] = scalar.TryGetValue<string>(out var text) ? text : scalar.ToJsonString();
            }
        }

        // As JavaScript's JSON.stringify writes it, which is what a receiver hashes to check payload_hash.
        return fields.ToJsonString(QueryJson);
    }
}

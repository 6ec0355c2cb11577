using System.Text.Json.Nodes;
using Voice.Core.Accounts;
using Voice.Core.Lifecycles;
using Voice.Engine.Webhooks;

namespace Voice.Api.Vonage.Webhooks;

/// <summary>
/// Call-flow requests of Vonage calls: the answer URL gets <c>to</c>, <c>from</c>, <c>uuid</c>,
/// <c>conversation_uuid</c> (GET query by default, as Vonage); an input eventUrl the <c>input</c> event; a notify its
/// payload. Signed when the application asks.
/// </summary>
public sealed class VonageCallFlowRequests(VonageCallbackRequests requests) : ICallFlowRequestFormat
{
    public ApplicationDialect Dialect => ApplicationDialect.Vonage;

    public Task<HttpRequestMessage> CreateAsync(FetchCallFlow fetch, Uri uri, CancellationToken cancellationToken)
    {
        var data = JsonNode.Parse(fetch.PayloadJson) as JsonObject ?? [];
        var body = fetch.Purpose == WebhookPurpose.Answer ? VonageEventProjection.Answer(data) : VonageEventProjection.Payload(data, DateTimeOffset.UtcNow);
        var accountId = (string?)data["account_id"] ?? "";
        return requests.CreateAsync(body, fetch.Method, uri, accountId, (string?)data["application_id"], cancellationToken);
    }
}

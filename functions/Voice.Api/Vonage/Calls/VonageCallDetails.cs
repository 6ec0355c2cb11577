using System.Text.Json.Nodes;
using Voice.Core.Calls;

namespace Voice.Api.Vonage.Calls;

/// <summary>
/// A call as <c>GET /v1/calls/{uuid}</c> and the list show it: <c>to</c>/<c>from</c> as endpoint objects (what the SDK
/// types and the live API use), an absolute <c>_links.self.href</c>, times ISO 8601, duration in seconds as a string.
/// </summary>
public static class VonageCallDetails
{
    public static JsonObject Of(CallRecord call, string baseUrl) => new()
    {
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = $"{baseUrl}/{VonageCallsApi.Route}/{call.Id}" } },
        ["uuid"] = call.Id,
        ["conversation_uuid"] = VonageIds.ConversationOf(call),
        ["to"] = Endpoint(call.To),
        ["from"] = Endpoint(call.From),
        ["status"] = VonageCallStatus.Of(call.Status),
        ["direction"] = call.Direction == CallDirection.Inbound ? "inbound" : "outbound",
        ["rate"] = "0.00",
        ["price"] = "0.00",
        ["duration"] = (call.Duration ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["start_time"] = Time(call.StartTime ?? call.CreatedAt),
        ["end_time"] = call.EndTime is { } end ? Time(end) : null,
        ["network"] = null,
    };

    private static JsonObject Endpoint(string address) => address.StartsWith("sip", StringComparison.OrdinalIgnoreCase)
        ? new JsonObject { ["type"] = "sip", ["uri"] = address }
        : new JsonObject { ["type"] = "phone", ["number"] = VonageNumbers.ToWire(address) };

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

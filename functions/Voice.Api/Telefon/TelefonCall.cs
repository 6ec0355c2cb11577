using Voice.Api.Http;
using Voice.Core.Calls;

namespace Voice.Api.Telefon;

/// <summary>The Telefon v1 <c>Call</c> schema on the wire.</summary>
public sealed record TelefonCall(
    string Id,
    string Status,
    string Direction,
    string From,
    string To,
    int? Duration,
    string? StartTime,
    string? EndTime,
    string? Price,
    string? PriceUnit)
{
    /// <summary>Price fields stay absent: a self-hosted platform does not rate calls.</summary>
    public static TelefonCall Of(CallRecord call) => new(
        call.Id,
        call.Status.ToWire(),
        call.Direction == CallDirection.Inbound ? "inbound" : "outbound",
        call.From,
        call.To,
        call.Duration,
        ApiJson.Rfc3339(call.StartTime),
        ApiJson.Rfc3339(call.EndTime),
        null,
        null);
}

/// <summary>The body of <c>GET /calls</c>.</summary>
public sealed record TelefonCallList(IReadOnlyList<TelefonCall> Calls, int Total);

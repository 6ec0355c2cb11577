using System.Globalization;
using Microsoft.AspNetCore.Http;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Telnyx;

/// <summary>
/// The filters our records answer: <c>filter[leg_id]</c> / <c>filter[call_leg_id]</c> and
/// <c>filter[application_session_id]</c> / <c>filter[call_session_id]</c> (UUIDs; a session is its first call's, and
/// holds the legs a transfer or a linked dial added),
/// <c>filter[type]</c>, <c>filter[name]</c>, <c>filter[product]</c> (only <c>call_control</c> has events) and
/// <c>filter[occurred_at][eq|gt|gte|lt|lte]</c> (ISO 8601; also as <c>filter[event_timestamp][…]</c>, the record's
/// field), as a time range [<see cref="From"/>, <see cref="Until"/>). A malformed value is 400 naming the parameter.
/// <see cref="Empty"/>: the filters cannot match anything (two different legs, another product).
/// </summary>
public sealed record TelnyxCallEventFilter(string? SessionCallId, string? LegCallId, DateTimeOffset? From, DateTimeOffset? Until, CallEventKind? Kind, string? Name, bool Empty)
{
    /// <summary>The time filter's names: the SDK's (<c>occurred_at</c>) and the record's field (<c>event_timestamp</c>).</summary>
    private static readonly string[] TimeFilters = ["occurred_at", "event_timestamp"];

    public static (TelnyxCallEventFilter? Filter, IResult? Error) Read(TelnyxListQuery list)
    {
        string? legId = null, sessionId = null;
        var empty = false;
        foreach (var name in new[] { "leg_id", "call_leg_id", "application_session_id", "call_session_id" })
        {
            var session = name.EndsWith("session_id", StringComparison.Ordinal);
            if (list.Filter(name) is not { } value)
            {
                continue;
            }

            if (!TelnyxIds.TryParseUuid(value, SortableIds.CallPrefix, out var id))
            {
                return (null, TelnyxResults.InvalidQuery($"filter[{name}]", $"'filter[{name}]' must be a UUID"));
            }

            // Two legs (or sessions) that differ: no event is on both.
            var current = session ? sessionId : legId;
            empty |= current is not null && current != id;
            if (session)
            {
                sessionId = id;
            }
            else
            {
                legId = id;
            }
        }

        var type = list.Filter("type");
        if (type is not (null or TelnyxCallEvent.Command or TelnyxCallEvent.Webhook))
        {
            return (null, TelnyxResults.InvalidQuery("filter[type]", "'filter[type]' must be 'command' or 'webhook'"));
        }

        CallEventKind? kind = type is null ? null : type == TelnyxCallEvent.Command ? CallEventKind.Command : CallEventKind.Webhook;
        empty |= list.Filter("product") is { } product && product != "call_control";
        DateTimeOffset? from = null, until = null;
        foreach (var field in TimeFilters)
        {
            foreach (var op in new[] { "eq", "gt", "gte", "lt", "lte" })
            {
                if (list.Filter(field, op) is not { } raw)
                {
                    continue;
                }

                var parameter = $"filter[{field}][{op}]";
                if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    return (null, TelnyxResults.InvalidQuery(parameter, $"'{parameter}' must be an ISO 8601 date and time"));
                }

                // Stored times are whole microseconds, so a bound one microsecond on is exclusive of the time itself.
                var ticks = time.UtcTicks;
                var next = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond) + TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
                var at = new DateTimeOffset(ticks, TimeSpan.Zero);
                from = op switch
                {
                    "eq" or "gte" => Later(from, at),
                    "gt" => Later(from, next),
                    _ => from,
                };
                until = op switch
                {
                    "eq" or "lte" => Earlier(until, next),
                    "lt" => Earlier(until, at),
                    _ => until,
                };
            }
        }

        return (new TelnyxCallEventFilter(sessionId, legId, from, until, kind, list.Filter("name"), empty), null);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}

using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Analytics;
using Voice.Core.Calls;
using Voice.Storage;

namespace Voice.Api.Analytics;

/// <summary>
/// <c>GET /api/conversations?channel=voice</c> and <c>/api/conversations/{id}/messages</c>: every call is a voice
/// conversation (its id is the call id), its messages the transcript turns — the caller's track as <c>user</c>, ours
/// (prompts and the assistant) as <c>assistant</c>.
/// </summary>
public static class ConversationsApi
{
    public const string Route = "api/conversations";
    public const string VoiceChannel = "voice";

    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)List);
        app.MapGet(Route + "/{conversationId}/messages", (Func<HttpContext, string, Task<IResult>>)Messages);
        return app;
    }

    public static Task<IResult> List(HttpContext http) => AnalyticsPipeline.RunAsync(http, AnalyticsLimit.Conversations, async caller =>
    {
        var query = http.Request.Query;
        var channel = query["channel"] is { Count: > 0 } c ? c[0] : null;
        if (channel is not (null or VoiceChannel or "chat" or "sms" or "email"))
        {
            return AnalyticsErrors.Invalid("channel", "expected voice");
        }

        var status = query["status"] is { Count: > 0 } s ? s[0] : null;
        if (status is not null && !ConversationStatus.All.Contains(status))
        {
            return AnalyticsErrors.Invalid("status", "expected active, completed or failed");
        }

        if (!TryReadCount(query, "limit", DefaultLimit, 1, MaxLimit, out var limit, out var error)
            || !TryReadCount(query, "offset", 0, 0, int.MaxValue, out var offset, out error))
        {
            return error!;
        }

        var items = new JsonArray();
        var total = 0;
        if (channel is null or VoiceChannel)
        {
            var calls = http.RequestServices.GetRequiredService<CallRepository>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caller.AccountId}");
            await foreach (var entity in calls.Table.Client.QueryAsync<TableEntity>(filter, cancellationToken: http.RequestAborted))
            {
                var callStatus = CallStatusNames.TryParse(entity.GetString("Status"), out var parsed) ? parsed : CallStatus.Failed;
                var conversationStatus = ConversationStatus.Of(callStatus);
                if (status is not null && conversationStatus != status)
                {
                    continue;
                }

                if (total >= offset && items.Count < limit && await calls.FindAsync(caller.AccountId, entity.RowKey, http.RequestAborted) is { } call)
                {
                    items.Add(Conversation(call));
                }

                total++;
            }
        }

        return Results.Content(new JsonObject
        {
            ["conversations"] = items,
            ["pagination"] = new JsonObject { ["total"] = total, ["limit"] = limit, ["offset"] = offset },
        }.ToJsonString(), "application/json");
    });

    public static Task<IResult> Messages(HttpContext http, string conversationId) => AnalyticsPipeline.RunAsync(http, AnalyticsLimit.Conversations, async caller =>
    {
        if (await http.RequestServices.GetRequiredService<CallRepository>().FindAsync(caller.AccountId, conversationId, http.RequestAborted) is not { } call)
        {
            return AnalyticsErrors.Of(StatusCodes.Status404NotFound, AnalyticsErrors.ConversationNotFound);
        }

        var segments = await http.RequestServices.GetRequiredService<TranscriptRepository>().ListAsync(caller.AccountId, call.Id, cancellationToken: http.RequestAborted);
        var messages = new JsonArray();
        foreach (var segment in segments)
        {
            var at = (call.StartTime ?? call.CreatedAt).AddMilliseconds(segment.StartMs);
            messages.Add(new JsonObject
            {
                ["id"] = segment.Id,
                ["conversation_id"] = call.Id,
                ["role"] = segment.Track == "inbound" ? "user" : "assistant",
                ["content"] = segment.Text,
                ["created_at"] = ApiJson.Rfc3339(at),
                ["metadata"] = new JsonObject
                {
                    ["track"] = segment.Track,
                    ["confidence"] = segment.Confidence,
                    ["start_ms"] = segment.StartMs,
                    ["duration_ms"] = segment.DurationMs,
                },
            });
        }

        return Results.Content(messages.ToJsonString(), "application/json");
    });

    private static JsonObject Conversation(CallRecord call) => new()
    {
        ["id"] = call.Id,
        ["channel"] = VoiceChannel,
        ["status"] = ConversationStatus.Of(call.Status),
        ["participants"] = new JsonArray
        {
            new JsonObject { ["role"] = "caller", ["address"] = call.From },
            new JsonObject { ["role"] = "callee", ["address"] = call.To },
        },
        ["started_at"] = ApiJson.Rfc3339(call.CreatedAt),
        ["answered_at"] = ApiJson.Rfc3339(call.StartTime),
        ["ended_at"] = ApiJson.Rfc3339(call.EndTime),
        ["duration_seconds"] = call.Duration,
        ["metadata"] = new JsonObject
        {
            ["call_id"] = call.Id,
            ["direction"] = call.Direction == CallDirection.Inbound ? "inbound" : "outbound",
            ["call_status"] = call.Status.ToWire(),
            ["application_id"] = call.ApplicationId,
        },
    };

    private static bool TryReadCount(IQueryCollection query, string name, int fallback, int min, int max, out int value, out IResult? error)
    {
        value = fallback;
        error = null;
        if (query[name] is not { Count: > 0 } given)
        {
            return true;
        }

        if (!int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            error = AnalyticsErrors.Invalid(name, $"expected a whole number from {min} to {max}");
            return false;
        }

        return true;
    }
}

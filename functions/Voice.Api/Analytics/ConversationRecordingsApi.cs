using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Engine.Recordings;
using Voice.Storage;

namespace Voice.Api.Analytics;

/// <summary>
/// <c>GET /api/voice/recordings/{conversationId}</c>: a conversation's (a call's) recordings as the seed shapes them,
/// 404 with <c>available:false</c> when it has none, and the audio behind each URL, fetched with the same key.
/// </summary>
public static class ConversationRecordingsApi
{
    public const string Route = "api/voice/recordings";

    private const int MaxRecordings = 100;

    public static IEndpointRouteBuilder MapConversationRecordingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route + "/{conversationId}", (Func<HttpContext, string, Task<IResult>>)GetRecording);
        app.MapGet(Route + "/{conversationId}/{recordingId}/audio", (Func<HttpContext, string, string, Task<IResult>>)GetAudio);
        return app;
    }

    public static Task<IResult> GetRecording(HttpContext http, string conversationId) => AnalyticsPipeline.RunAsync(http, AnalyticsLimit.Recordings, async caller =>
    {
        var call = await http.RequestServices.GetRequiredService<CallRepository>().FindAsync(caller.AccountId, conversationId, http.RequestAborted);
        if (call is null)
        {
            return AnalyticsErrors.Of(StatusCodes.Status404NotFound, AnalyticsErrors.ConversationNotFound);
        }

        var recordings = (await http.RequestServices.GetRequiredService<RecordingRepository>()
            .ListAsync(caller.AccountId, call.Id, null, 1, MaxRecordings, http.RequestAborted)).Items
            .OrderBy(r => r.DateCreated)
            .ToList();
        if (recordings.Count == 0)
        {
            return Json(StatusCodes.Status404NotFound, new JsonObject
            {
                ["id"] = null,
                ["urls"] = null,
                ["duration_seconds"] = null,
                ["available"] = false,
                ["started_at"] = ApiJson.Rfc3339(call.StartTime ?? call.CreatedAt),
                ["ended_at"] = ApiJson.Rfc3339(call.EndTime),
            });
        }

        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var urls = new JsonArray();
        foreach (var r in recordings)
        {
            urls.Add($"{origin}/{Route}/{Uri.EscapeDataString(call.Id)}/{Uri.EscapeDataString(r.Id)}/audio");
        }

        var durationMs = recordings.Sum(r => r.DurationMs);
        return Json(StatusCodes.Status200OK, new JsonObject
        {
            ["id"] = recordings[0].Id,
            ["urls"] = urls,
            ["duration_seconds"] = (long)Math.Round(durationMs / 1000.0),
            ["available"] = true,
            ["started_at"] = ApiJson.Rfc3339(recordings[0].DateCreated.AddMilliseconds(-recordings[0].DurationMs)),
            ["ended_at"] = ApiJson.Rfc3339(recordings[^1].DateCreated),
        });
    });

    public static Task<IResult> GetAudio(HttpContext http, string conversationId, string recordingId) => AnalyticsPipeline.RunAsync(http, AnalyticsLimit.Recordings, async caller =>
    {
        var service = http.RequestServices.GetRequiredService<RecordingService>();
        var recording = await service.GetAsync(caller.AccountId, recordingId, http.RequestAborted);
        if (recording is null || recording.CallId != conversationId || await service.OpenAudioAsync(caller.AccountId, recordingId, http.RequestAborted) is not { } audio)
        {
            return AnalyticsErrors.Of(StatusCodes.Status404NotFound, "Recording not found");
        }

        return Results.Stream(audio, "audio/wav");
    });

    private static IResult Json(int status, JsonObject recording) =>
        Results.Content(new JsonObject { ["recording"] = recording }.ToJsonString(), "application/json", statusCode: status);
}

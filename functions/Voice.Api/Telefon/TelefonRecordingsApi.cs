using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Engine.Recordings;

namespace Voice.Api.Telefon;

/// <summary>
/// Recordings (<c>/v1/voice/recordings</c>), an addition to Telefon v1: list (optionally one call's or conference's),
/// read one, and download its WAV audio.
/// </summary>
public static class TelefonRecordingsApi
{
    public const string Route = "v1/voice/recordings";

    private const int MaxIdLength = 128;

    public static IEndpointRouteBuilder MapTelefonRecordingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)ListRecordings);
        app.MapGet(Route + "/{recordingId}", (Func<HttpContext, string, Task<IResult>>)GetRecording);
        app.MapGet(Route + "/{recordingId}/audio", (Func<HttpContext, string, Task<IResult>>)GetRecordingAudio);
        return app;
    }

    public static Task<IResult> ListRecordings(HttpContext http) => ApiPipeline.RunAsync(http, ApiScopes.RecordingsRead, async caller =>
    {
        var query = new QueryParameters(http.Request.Query);
        var callId = query.Text("call_id", MaxIdLength);
        var conferenceId = query.Text("conference_id", MaxIdLength);
        var page = query.Page();
        var pageSize = query.PageSize();
        if (query.Error is { } error)
        {
            return error;
        }

        var result = await Service(http).ListAsync(caller.AccountId, callId, conferenceId, page, pageSize, http.RequestAborted);
        return ApiResults.Json(new TelefonRecordingList(result.Items.Select(TelefonRecording.Of).ToList(), result.Total));
    });

    public static Task<IResult> GetRecording(HttpContext http, string recordingId) => ApiPipeline.RunAsync(http, ApiScopes.RecordingsRead, async caller =>
        await Service(http).GetAsync(caller.AccountId, recordingId, http.RequestAborted) is { } recording
            ? ApiResults.Json(TelefonRecording.Of(recording))
            : ApiResults.NotFound("recording"));

    public static Task<IResult> GetRecordingAudio(HttpContext http, string recordingId) => ApiPipeline.RunAsync(http, ApiScopes.RecordingsRead, async caller =>
        await Service(http).OpenAudioAsync(caller.AccountId, recordingId, http.RequestAborted) is { } audio
            ? Results.Stream(audio, "audio/wav", fileDownloadName: null)
            : ApiResults.NotFound("recording"));

    private static RecordingService Service(HttpContext http) => http.RequestServices.GetRequiredService<RecordingService>();
}

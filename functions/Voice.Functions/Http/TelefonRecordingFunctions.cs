using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telefon;

namespace Voice.Functions.Http;

/// <summary>Recordings; each trigger is one call into the shared handler.</summary>
public static class TelefonRecordingFunctions
{
    private const string Route = TelefonRecordingsApi.Route;

    [Function("listRecordings")]
    public static async Task<IActionResult> ListRecordings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelefonRecordingsApi.ListRecordings(req.HttpContext));

    [Function("getRecording")]
    public static async Task<IActionResult> GetRecording(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{recordingId}")] HttpRequest req, string recordingId) =>
        new ResultAsActionResult(await TelefonRecordingsApi.GetRecording(req.HttpContext, recordingId));

    [Function("getRecordingAudio")]
    public static async Task<IActionResult> GetRecordingAudio(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{recordingId}/audio")] HttpRequest req, string recordingId) =>
        new ResultAsActionResult(await TelefonRecordingsApi.GetRecordingAudio(req.HttpContext, recordingId));
}

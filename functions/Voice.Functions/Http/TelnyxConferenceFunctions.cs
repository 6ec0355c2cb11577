using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telnyx;

namespace Voice.Functions.Http;

/// <summary>Telnyx conferences and conference actions; each trigger is one call into the shared handler.</summary>
public static class TelnyxConferenceFunctions
{
    private const string Route = TelnyxConferencesApi.Route;

    [Function("telnyxCreateConference")]
    public static async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxConferencesApi.Create(req.HttpContext));

    [Function("telnyxListConferences")]
    public static async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxConferencesApi.List(req.HttpContext));

    [Function("telnyxRetrieveConference")]
    public static async Task<IActionResult> Retrieve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{conferenceId}")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.Retrieve(req.HttpContext, conferenceId));

    [Function("telnyxListConferenceParticipants")]
    public static async Task<IActionResult> ListParticipants(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{conferenceId}/participants")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.ListParticipants(req.HttpContext, conferenceId));

    [Function("telnyxRetrieveConferenceParticipant")]
    public static async Task<IActionResult> RetrieveParticipant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = TelnyxParticipantsApi.Route)] HttpRequest req, string conferenceId, string participantId) =>
        new ResultAsActionResult(await TelnyxParticipantsApi.Retrieve(req.HttpContext, conferenceId, participantId));

    [Function("telnyxUpdateConferenceParticipant")]
    public static async Task<IActionResult> UpdateParticipant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = TelnyxParticipantsApi.Route)] HttpRequest req, string conferenceId, string participantId) =>
        new ResultAsActionResult(await TelnyxParticipantsApi.Update(req.HttpContext, conferenceId, participantId));

    [Function("telnyxConferenceAction")]
    public static async Task<IActionResult> Action(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = TelnyxConferencesApi.ActionRoute)] HttpRequest req, string conferenceId, string action) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, action));
}

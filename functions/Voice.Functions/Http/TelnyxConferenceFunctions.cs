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

    [Function("telnyxConferenceActionJoin")]
    public static async Task<IActionResult> Join(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/join")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "join"));

    [Function("telnyxConferenceActionLeave")]
    public static async Task<IActionResult> Leave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/leave")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "leave"));

    [Function("telnyxConferenceActionMute")]
    public static async Task<IActionResult> Mute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/mute")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "mute"));

    [Function("telnyxConferenceActionUnmute")]
    public static async Task<IActionResult> Unmute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/unmute")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "unmute"));

    [Function("telnyxConferenceActionHold")]
    public static async Task<IActionResult> Hold(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/hold")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "hold"));

    [Function("telnyxConferenceActionUnhold")]
    public static async Task<IActionResult> Unhold(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/unhold")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "unhold"));

    [Function("telnyxConferenceActionSpeak")]
    public static async Task<IActionResult> Speak(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/speak")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "speak"));

    [Function("telnyxConferenceActionPlay")]
    public static async Task<IActionResult> Play(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/play")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "play"));

    [Function("telnyxConferenceActionStop")]
    public static async Task<IActionResult> Stop(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/stop")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "stop"));

    [Function("telnyxConferenceActionEnd")]
    public static async Task<IActionResult> End(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/end")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "end"));

    [Function("telnyxConferenceActionRecordStart")]
    public static async Task<IActionResult> RecordStart(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/record_start")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "record_start"));

    [Function("telnyxConferenceActionRecordStop")]
    public static async Task<IActionResult> RecordStop(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/record_stop")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "record_stop"));

    [Function("telnyxConferenceActionRecordPause")]
    public static async Task<IActionResult> RecordPause(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/record_pause")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "record_pause"));

    [Function("telnyxConferenceActionRecordResume")]
    public static async Task<IActionResult> RecordResume(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/record_resume")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "record_resume"));

    [Function("telnyxRetrieveConferenceParticipant")]
    public static async Task<IActionResult> RetrieveParticipant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = TelnyxParticipantsApi.Route)] HttpRequest req, string conferenceId, string participantId) =>
        new ResultAsActionResult(await TelnyxParticipantsApi.Retrieve(req.HttpContext, conferenceId, participantId));

    [Function("telnyxUpdateConferenceParticipant")]
    public static async Task<IActionResult> UpdateParticipant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = TelnyxParticipantsApi.Route)] HttpRequest req, string conferenceId, string participantId) =>
        new ResultAsActionResult(await TelnyxParticipantsApi.Update(req.HttpContext, conferenceId, participantId));

    [Function("telnyxConferenceActionSendDtmf")]
    public static async Task<IActionResult> SendDtmf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/send_dtmf")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "send_dtmf"));

    [Function("telnyxConferenceActionUpdate")]
    public static async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/update")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "update"));

    [Function("telnyxConferenceActionGatherUsingAudio")]
    public static async Task<IActionResult> GatherUsingAudio(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{conferenceId}/actions/gather_using_audio")] HttpRequest req, string conferenceId) =>
        new ResultAsActionResult(await TelnyxConferencesApi.RunAction(req.HttpContext, conferenceId, "gather_using_audio"));
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telnyx;

namespace Voice.Functions.Http;

/// <summary>Telnyx calls and call actions; each trigger is one call into the shared handler.</summary>
public static class TelnyxCallFunctions
{
    private const string Route = TelnyxCallsApi.Route;

    [Function("telnyxDialCall")]
    public static async Task<IActionResult> Dial(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxCallsApi.Dial(req.HttpContext));

    [Function("telnyxRetrieveCallStatus")]
    public static async Task<IActionResult> RetrieveStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{callControlId}")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RetrieveStatus(req.HttpContext, callControlId));

    [Function("telnyxCallActionAnswer")]
    public static async Task<IActionResult> Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/answer")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "answer"));

    [Function("telnyxCallActionHangup")]
    public static async Task<IActionResult> Hangup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/hangup")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "hangup"));

    [Function("telnyxCallActionReject")]
    public static async Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/reject")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "reject"));

    [Function("telnyxCallActionSpeak")]
    public static async Task<IActionResult> Speak(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/speak")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "speak"));

    [Function("telnyxCallActionPlaybackStart")]
    public static async Task<IActionResult> PlaybackStart(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/playback_start")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "playback_start"));

    [Function("telnyxCallActionPlaybackStop")]
    public static async Task<IActionResult> PlaybackStop(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/playback_stop")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "playback_stop"));

    [Function("telnyxCallActionGather")]
    public static async Task<IActionResult> Gather(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/gather")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "gather"));

    [Function("telnyxCallActionGatherUsingSpeak")]
    public static async Task<IActionResult> GatherUsingSpeak(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/gather_using_speak")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "gather_using_speak"));

    [Function("telnyxCallActionGatherUsingAudio")]
    public static async Task<IActionResult> GatherUsingAudio(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/gather_using_audio")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "gather_using_audio"));

    [Function("telnyxCallActionGatherStop")]
    public static async Task<IActionResult> GatherStop(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/gather_stop")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "gather_stop"));

    [Function("telnyxCallActionSendDtmf")]
    public static async Task<IActionResult> SendDtmf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/send_dtmf")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "send_dtmf"));

    [Function("telnyxCallActionRefer")]
    public static async Task<IActionResult> Refer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/refer")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "refer"));

    [Function("telnyxCallActionSendSipInfo")]
    public static async Task<IActionResult> SendSipInfo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/send_sip_info")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "send_sip_info"));

    [Function("telnyxCallActionRecordStart")]
    public static async Task<IActionResult> RecordStart(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/record_start")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "record_start"));

    [Function("telnyxCallActionRecordStop")]
    public static async Task<IActionResult> RecordStop(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/record_stop")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "record_stop"));

    [Function("telnyxCallActionRecordPause")]
    public static async Task<IActionResult> RecordPause(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/record_pause")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "record_pause"));

    [Function("telnyxCallActionStreamingStart")]
    public static async Task<IActionResult> StreamingStart(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/streaming_start")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "streaming_start"));

    [Function("telnyxCallActionStreamingStop")]
    public static async Task<IActionResult> StreamingStop(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/streaming_stop")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "streaming_stop"));

    [Function("telnyxCallActionRecordResume")]
    public static async Task<IActionResult> RecordResume(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/record_resume")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "record_resume"));

    [Function("telnyxCallActionBridge")]
    public static async Task<IActionResult> Bridge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/bridge")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "bridge"));

    [Function("telnyxCallActionEnqueue")]
    public static async Task<IActionResult> Enqueue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/enqueue")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "enqueue"));

    [Function("telnyxCallActionLeaveQueue")]
    public static async Task<IActionResult> LeaveQueue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/leave_queue")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "leave_queue"));

    [Function("telnyxCallActionTransfer")]
    public static async Task<IActionResult> Transfer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{callControlId}/actions/transfer")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, "transfer"));

    [Function("telnyxUpdateClientState")]
    public static async Task<IActionResult> UpdateClientState(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/{callControlId}/actions/client_state_update")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.UpdateClientState(req.HttpContext, callControlId));
}

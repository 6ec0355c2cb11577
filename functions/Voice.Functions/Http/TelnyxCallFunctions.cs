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

    [Function("telnyxUpdateClientState")]
    public static async Task<IActionResult> UpdateClientState(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/{callControlId}/actions/client_state_update")] HttpRequest req, string callControlId) =>
        new ResultAsActionResult(await TelnyxCallsApi.UpdateClientState(req.HttpContext, callControlId));

    [Function("telnyxCallAction")]
    public static async Task<IActionResult> Action(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = TelnyxCallsApi.ActionRoute)] HttpRequest req, string callControlId, string action) =>
        new ResultAsActionResult(await TelnyxCallsApi.RunAction(req.HttpContext, callControlId, action));
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telnyx;

namespace Voice.Functions.Http;

/// <summary>Telnyx call control applications; each trigger is one call into the shared handler.</summary>
public static class TelnyxCallControlApplicationFunctions
{
    private const string Route = TelnyxCallControlApplicationsApi.Route;

    [Function("telnyxListCallControlApplications")]
    public static async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxCallControlApplicationsApi.ListApplications(req.HttpContext));

    [Function("telnyxCreateCallControlApplication")]
    public static async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxCallControlApplicationsApi.CreateApplication(req.HttpContext));

    [Function("telnyxRetrieveCallControlApplication")]
    public static async Task<IActionResult> Retrieve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}")] HttpRequest req, string id) =>
        new ResultAsActionResult(await TelnyxCallControlApplicationsApi.GetApplication(req.HttpContext, id));

    [Function("telnyxUpdateCallControlApplication")]
    public static async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Route + "/{id}")] HttpRequest req, string id) =>
        new ResultAsActionResult(await TelnyxCallControlApplicationsApi.UpdateApplication(req.HttpContext, id));

    [Function("telnyxDeleteCallControlApplication")]
    public static async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{id}")] HttpRequest req, string id) =>
        new ResultAsActionResult(await TelnyxCallControlApplicationsApi.DeleteApplication(req.HttpContext, id));
}

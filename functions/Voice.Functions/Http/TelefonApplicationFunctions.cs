using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telefon;

namespace Voice.Functions.Http;

/// <summary>Applications; each trigger is one call into the shared handler.</summary>
public static class TelefonApplicationFunctions
{
    private const string Route = TelefonApplicationsApi.Route;

    [Function("listApplications")]
    public static async Task<IActionResult> ListApplications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelefonApplicationsApi.ListApplications(req.HttpContext));

    [Function("createApplication")]
    public static async Task<IActionResult> CreateApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelefonApplicationsApi.CreateApplication(req.HttpContext));

    [Function("getApplication")]
    public static async Task<IActionResult> GetApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{applicationId}")] HttpRequest req, string applicationId) =>
        new ResultAsActionResult(await TelefonApplicationsApi.GetApplication(req.HttpContext, applicationId));

    [Function("updateApplication")]
    public static async Task<IActionResult> UpdateApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Route + "/{applicationId}")] HttpRequest req, string applicationId) =>
        new ResultAsActionResult(await TelefonApplicationsApi.UpdateApplication(req.HttpContext, applicationId));

    [Function("deleteApplication")]
    public static async Task<IActionResult> DeleteApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{applicationId}")] HttpRequest req, string applicationId) =>
        new ResultAsActionResult(await TelefonApplicationsApi.DeleteApplication(req.HttpContext, applicationId));
}

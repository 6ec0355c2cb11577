using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Admin;
using Voice.Api.Http;

namespace Voice.Functions.Http;

/// <summary>The admin API's applications (Entra ID operators); each trigger is one call into the shared handler.</summary>
public static class OperatorApplicationFunctions
{
    private const string Application = AdminApi.Applications + "/{applicationId}";

    [Function("operatorListApplications")]
    public static async Task<IActionResult> ListApplications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminApi.Applications)] HttpRequest req, string accountId) =>
        new ResultAsActionResult(await AdminApplicationsApi.ListApplications(req.HttpContext, accountId));

    [Function("operatorCreateApplication")]
    public static async Task<IActionResult> CreateApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminApi.Applications)] HttpRequest req, string accountId) =>
        new ResultAsActionResult(await AdminApplicationsApi.CreateApplication(req.HttpContext, accountId));

    [Function("operatorGetApplication")]
    public static async Task<IActionResult> GetApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Application)] HttpRequest req, string accountId, string applicationId) =>
        new ResultAsActionResult(await AdminApplicationsApi.GetApplication(req.HttpContext, accountId, applicationId));

    [Function("operatorUpdateApplication")]
    public static async Task<IActionResult> UpdateApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Application)] HttpRequest req, string accountId, string applicationId) =>
        new ResultAsActionResult(await AdminApplicationsApi.UpdateApplication(req.HttpContext, accountId, applicationId));

    [Function("operatorDeleteApplication")]
    public static async Task<IActionResult> DeleteApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Application)] HttpRequest req, string accountId, string applicationId) =>
        new ResultAsActionResult(await AdminApplicationsApi.DeleteApplication(req.HttpContext, accountId, applicationId));
}

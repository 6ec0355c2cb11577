using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Admin;
using Voice.Api.Http;

namespace Voice.Functions.Http;

/// <summary>The admin API's phone numbers (Entra ID operators); each trigger is one call into the shared handler.</summary>
public static class OperatorNumberFunctions
{
    [Function("operatorListNumbers")]
    public static async Task<IActionResult> ListNumbers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminApi.Numbers)] HttpRequest req, string accountId) =>
        new ResultAsActionResult(await AdminNumbersApi.ListNumbers(req.HttpContext, accountId));

    [Function("operatorAddNumber")]
    public static async Task<IActionResult> AddNumber(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminApi.Numbers)] HttpRequest req, string accountId) =>
        new ResultAsActionResult(await AdminNumbersApi.AddNumber(req.HttpContext, accountId));

    [Function("operatorAssignNumber")]
    public static async Task<IActionResult> AssignNumber(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = AdminApi.Numbers + "/{number}")] HttpRequest req, string accountId, string number) =>
        new ResultAsActionResult(await AdminNumbersApi.AssignNumber(req.HttpContext, accountId, number));

    [Function("operatorReleaseNumber")]
    public static async Task<IActionResult> ReleaseNumber(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = AdminApi.Numbers + "/{number}")] HttpRequest req, string accountId, string number) =>
        new ResultAsActionResult(await AdminNumbersApi.ReleaseNumber(req.HttpContext, accountId, number));
}

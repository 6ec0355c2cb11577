using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Admin;
using Voice.Api.Http;

namespace Voice.Functions.Http;

/// <summary>
/// The admin API's accounts, authenticated by Microsoft Entra ID (<see cref="EntraOperatorAuthenticator"/>); each
/// trigger is one call into the shared handler. Named <c>operator…</c>: the Functions host reserves names and routes
/// starting with <c>admin</c>.
/// </summary>
public static class OperatorAccountFunctions
{
    [Function("operatorListAccounts")]
    public static async Task<IActionResult> ListAccounts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminApi.Accounts)] HttpRequest req) =>
        new ResultAsActionResult(await AdminAccountsApi.ListAccounts(req.HttpContext));

    [Function("operatorCreateAccount")]
    public static async Task<IActionResult> CreateAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminApi.Accounts)] HttpRequest req) =>
        new ResultAsActionResult(await AdminAccountsApi.CreateAccount(req.HttpContext));

    [Function("operatorGetAccount")]
    public static async Task<IActionResult> GetAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminApi.Account)] HttpRequest req, string accountId) =>
        new ResultAsActionResult(await AdminAccountsApi.GetAccount(req.HttpContext, accountId));

    [Function("operatorDisableAccount")]
    public static async Task<IActionResult> DisableAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminApi.Account + "/disable")] HttpRequest req, string accountId) =>
        new ResultAsActionResult(await AdminAccountsApi.DisableAccount(req.HttpContext, accountId));

    [Function("operatorEnableAccount")]
    public static async Task<IActionResult> EnableAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminApi.Account + "/enable")] HttpRequest req, string accountId) =>
        new ResultAsActionResult(await AdminAccountsApi.EnableAccount(req.HttpContext, accountId));
}

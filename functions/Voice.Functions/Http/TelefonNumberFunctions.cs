using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telefon;

namespace Voice.Functions.Http;

/// <summary>The account's phone numbers; each trigger is one call into the shared handler.</summary>
public static class TelefonNumberFunctions
{
    private const string Route = TelefonNumbersApi.Route;

    [Function("listNumbers")]
    public static async Task<IActionResult> ListNumbers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelefonNumbersApi.ListNumbers(req.HttpContext));

    [Function("getNumber")]
    public static async Task<IActionResult> GetNumber(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{number}")] HttpRequest req, string number) =>
        new ResultAsActionResult(await TelefonNumbersApi.GetNumber(req.HttpContext, number));

    [Function("updateNumber")]
    public static async Task<IActionResult> UpdateNumber(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Route + "/{number}")] HttpRequest req, string number) =>
        new ResultAsActionResult(await TelefonNumbersApi.UpdateNumber(req.HttpContext, number));
}

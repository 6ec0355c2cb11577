using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Admin;
using Voice.Api.Http;

namespace Voice.Functions.Http;

/// <summary>The admin API's API keys (Entra ID operators); each trigger is one call into the shared handler.</summary>
public static class OperatorKeyFunctions
{
    [Function("operatorListKeys")]
    public static async Task<IActionResult> ListKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminApi.Keys)] HttpRequest req, string accountId) =>
        new ResultAsActionResult(await AdminKeysApi.ListKeys(req.HttpContext, accountId));

    [Function("operatorCreateKey")]
    public static async Task<IActionResult> CreateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminApi.Keys)] HttpRequest req, string accountId) =>
        new ResultAsActionResult(await AdminKeysApi.CreateKey(req.HttpContext, accountId));

    [Function("operatorRevokeKey")]
    public static async Task<IActionResult> RevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = AdminApi.Keys + "/{keyId}")] HttpRequest req, string accountId, string keyId) =>
        new ResultAsActionResult(await AdminKeysApi.RevokeKey(req.HttpContext, accountId, keyId));
}

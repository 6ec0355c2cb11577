using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telnyx;

namespace Voice.Functions.Http;

/// <summary>The account's Telnyx webhook public key.</summary>
public static class TelnyxWebhookKeyFunctions
{
    [Function("telnyxGetPublicKey")]
    public static async Task<IActionResult> GetPublicKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = TelnyxPublicKeyApi.Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxPublicKeyApi.GetPublicKey(req.HttpContext));
}

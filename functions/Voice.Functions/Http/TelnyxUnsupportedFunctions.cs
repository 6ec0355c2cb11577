using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telnyx;

namespace Voice.Functions.Http;

/// <summary>
/// Every other /v2 request: 501 for a Telnyx operation we do not implement, 404 otherwise (a catch-all route has the
/// lowest precedence in the Functions host's routing too, so the operations above keep their own functions).
/// </summary>
public static class TelnyxUnsupportedFunctions
{
    [Function("telnyxUnsupported")]
    public static IActionResult Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "v2/{*path}")] HttpRequest req, string? path) =>
        new ResultAsActionResult(TelnyxUnsupportedApi.Answer(req.HttpContext, path));
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telnyx;

namespace Voice.Functions.Http;

/// <summary>The Telnyx call-event list.</summary>
public static class TelnyxCallEventFunctions
{
    [Function("telnyxListCallEvents")]
    public static async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = TelnyxCallEventsApi.Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxCallEventsApi.List(req.HttpContext));
}

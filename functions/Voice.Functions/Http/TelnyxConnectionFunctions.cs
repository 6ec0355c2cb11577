using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telnyx;

namespace Voice.Functions.Http;

/// <summary>Telnyx connections (our call control applications) and their active calls.</summary>
public static class TelnyxConnectionFunctions
{
    private const string Route = TelnyxConnectionsApi.Route;

    [Function("telnyxListConnections")]
    public static async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxConnectionsApi.ListConnections(req.HttpContext));

    [Function("telnyxRetrieveConnection")]
    public static async Task<IActionResult> Retrieve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}")] HttpRequest req, string id) =>
        new ResultAsActionResult(await TelnyxConnectionsApi.GetConnection(req.HttpContext, id));

    [Function("telnyxListConnectionActiveCalls")]
    public static async Task<IActionResult> ListActiveCalls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{connectionId}/active_calls")] HttpRequest req, string connectionId) =>
        new ResultAsActionResult(await TelnyxConnectionsApi.ListActiveCalls(req.HttpContext, connectionId));
}

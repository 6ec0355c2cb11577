using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Admin;
using Voice.Api.Http;

namespace Voice.Functions.Http;

/// <summary>The admin API's media-node fleet (Entra ID operators); each trigger is one call into the shared handler.</summary>
public static class OperatorNodeFunctions
{
    [Function("operatorListNodes")]
    public static async Task<IActionResult> ListNodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminApi.Nodes)] HttpRequest req) =>
        new ResultAsActionResult(await AdminNodesApi.ListNodes(req.HttpContext));

    [Function("operatorDrainNode")]
    public static async Task<IActionResult> DrainNode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminApi.Node + "/drain")] HttpRequest req, string nodeId) =>
        new ResultAsActionResult(await AdminNodesApi.DrainNode(req.HttpContext, nodeId));

    [Function("operatorUndrainNode")]
    public static async Task<IActionResult> UndrainNode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminApi.Node + "/undrain")] HttpRequest req, string nodeId) =>
        new ResultAsActionResult(await AdminNodesApi.UndrainNode(req.HttpContext, nodeId));
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voice.Api.Http;
using Voice.Engine.Nodes;
using Voice.Media.Contracts.Nodes;

namespace Voice.Api.Admin;

/// <summary>
/// The media-node fleet as the registry holds it, and the operator's drain: a drained node takes no new calls and
/// finishes the ones it has (its heartbeats keep the state); undrain puts it back into placement. A lost node cannot
/// be drained or undrained: it comes back active by itself when it heartbeats again.
/// </summary>
public static class AdminNodesApi
{
    public static Task<IResult> ListNodes(HttpContext http) => AdminPipeline.RunAsync(http, async _ =>
    {
        var nodes = await Registry(http).ListAsync(http.RequestAborted);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var lostAfter = http.RequestServices.GetRequiredService<IOptions<MediaNodeFleetOptions>>().Value.LostAfter;
        return ApiResults.Json(new { nodes = nodes.OrderBy(n => n.NodeId, StringComparer.Ordinal).Select(n => AdminNode.Of(n, now, lostAfter)) });
    });

    public static Task<IResult> DrainNode(HttpContext http, string nodeId) => SetStateAsync(http, nodeId, MediaNodeState.Draining);

    public static Task<IResult> UndrainNode(HttpContext http, string nodeId) => SetStateAsync(http, nodeId, MediaNodeState.Active);

    private static Task<IResult> SetStateAsync(HttpContext http, string nodeId, MediaNodeState state) => AdminPipeline.RunAsync(http, async caller =>
    {
        var registry = Registry(http);
        if (await registry.GetAsync(nodeId, http.RequestAborted) is not { } node)
        {
            return ApiResults.NotFound("media node");
        }

        if (node.State == MediaNodeState.Lost)
        {
            return ApiResults.Conflict("media_node_lost", $"media node {nodeId} is lost; it returns active by itself when it heartbeats again");
        }

        var changed = await registry.SetStateAsync(nodeId, state, http.RequestAborted);
        if (changed is null)
        {
            return ApiResults.NotFound("media node");
        }

        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminNodesApi))
            .LogWarning("Operator {Actor} set media node {Node} to {State}", caller.Actor, nodeId, state);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var lostAfter = http.RequestServices.GetRequiredService<IOptions<MediaNodeFleetOptions>>().Value.LostAfter;
        return ApiResults.Json(AdminNode.Of(changed, now, lostAfter));
    });

    private static MediaNodeRegistry Registry(HttpContext http) => http.RequestServices.GetRequiredService<MediaNodeRegistry>();
}

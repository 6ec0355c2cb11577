using Voice.Media.Contracts;
using Voice.MediaNode.Calls;
using Voice.MediaNode.Nodes;

namespace Voice.MediaNode.Health;

/// <summary>
/// <c>GET /healthz</c>: <c>{"status":"ok","active_calls":N,"node":"id/incarnation","draining":false}</c> while the host
/// runs. Served once the node's first heartbeat is in the registry, so a healthy node can be placed on at once.
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (CallRegistry calls, NodeIdentity identity) =>
            Results.Json(new HealthStatus("ok", calls.ActiveCalls, identity.Address.ToString(), identity.Draining), MediaContract.Json));
        return app;
    }

    /// <summary>The health document (snake_case on the wire).</summary>
    public sealed record HealthStatus(string Status, int ActiveCalls, string Node, bool Draining);
}

using Voice.Media.Contracts;
using Voice.MediaNode.Calls;

namespace Voice.MediaNode.Health;

/// <summary><c>GET /healthz</c>: <c>{"status":"ok","active_calls":N}</c> while the host runs.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (CallRegistry calls) => Results.Json(new HealthStatus("ok", calls.ActiveCalls), MediaContract.Json));
        return app;
    }

    /// <summary>The health document (snake_case on the wire).</summary>
    public sealed record HealthStatus(string Status, int ActiveCalls);
}

using Voice.Core.Lifecycles;

namespace Voice.Engine.Lifecycles;

/// <summary>The instance id of a call lifecycle, whichever way it started.</summary>
public static class StartCallKey
{
    public static string CallIdOf(CallStart start) => start switch
    {
        StartOutboundCall outbound => outbound.Call.Id,
        StartInboundCall inbound => inbound.Incoming.CallId,
        _ => throw new ArgumentException($"unknown start {start.GetType().Name}", nameof(start)),
    };
}

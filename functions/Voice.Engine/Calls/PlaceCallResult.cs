using Voice.Core.Calls;

namespace Voice.Engine.Calls;

/// <summary>The placed call, or why it was refused.</summary>
public sealed record PlaceCallResult(CallRecord? Call, PlaceCallRefusal? Refusal)
{
    /// <summary>With <see cref="PlaceCallRefusal.NoMediaNode"/>: when to try again.</summary>
    public TimeSpan RetryAfter { get; init; }

    public static PlaceCallResult Placed(CallRecord call) => new(call, null);

    public static PlaceCallResult Refused(PlaceCallRefusal refusal) => new(null, refusal);

    public static PlaceCallResult NoMediaNode(TimeSpan retryAfter) => new(null, PlaceCallRefusal.NoMediaNode) { RetryAfter = retryAfter };
}

public enum PlaceCallRefusal
{
    /// <summary>The caller id is not a number the account owns.</summary>
    FromNotOwned,

    /// <summary>No media node has room (all at capacity, draining or lost): a 503 with Retry-After; nothing was stored.</summary>
    NoMediaNode,
}

using Voice.Core.Calls;

namespace Voice.Engine.Calls;

/// <summary>The placed call, or why it was refused.</summary>
public sealed record PlaceCallResult(CallRecord? Call, PlaceCallRefusal? Refusal)
{
    public static PlaceCallResult Placed(CallRecord call) => new(call, null);

    public static PlaceCallResult Refused(PlaceCallRefusal refusal) => new(null, refusal);
}

public enum PlaceCallRefusal
{
    /// <summary>The caller id is not a number the account owns.</summary>
    FromNotOwned,
}

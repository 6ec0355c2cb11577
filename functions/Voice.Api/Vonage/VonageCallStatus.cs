using Voice.Core.Calls;

namespace Voice.Api.Vonage;

/// <summary>
/// Vonage's call statuses (started, ringing, answered, completed, busy, cancelled, rejected, timeout, unanswered,
/// failed) from ours and, for an ended call, why it ended.
/// </summary>
public static class VonageCallStatus
{
    public static readonly string[] All = ["started", "ringing", "answered", "machine", "completed", "busy", "cancelled", "failed", "rejected", "timeout", "unanswered"];

    public static string Of(CallStatus status, string? endReason = null) => status switch
    {
        CallStatus.Queued => "started",
        CallStatus.Ringing => "ringing",
        CallStatus.InProgress => "answered",
        CallStatus.Completed => "completed",
        CallStatus.Busy => "busy",
        CallStatus.NoAnswer => endReason == "no_answer" ? "timeout" : "unanswered",
        CallStatus.Canceled => endReason == "rejected" ? "rejected" : "cancelled",
        _ => endReason is "rejected" or "declined" ? "rejected" : "failed",
    };

    /// <summary>Ours from a status name on the wire (the data of our events carries our names).</summary>
    public static string OfWire(string? wireStatus, string? endReason) =>
        CallStatusNames.TryParse(wireStatus, out var status) ? Of(status, endReason) : "started";
}

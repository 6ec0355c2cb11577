using Voice.Core.Calls;

namespace Voice.Core.Analytics;

/// <summary>A call seen as a conversation: <c>active</c> until it ends, then <c>completed</c> if it was answered and ended normally, else <c>failed</c>.</summary>
public static class ConversationStatus
{
    public const string Active = "active";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Active, Completed, Failed];

    public static string Of(CallStatus status) => status switch
    {
        CallStatus.Completed => Completed,
        CallStatus.Failed or CallStatus.Busy or CallStatus.NoAnswer or CallStatus.Canceled => Failed,
        _ => Active,
    };
}

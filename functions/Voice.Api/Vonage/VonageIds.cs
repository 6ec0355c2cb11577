using Voice.Core.Calls;

namespace Voice.Api.Vonage;

/// <summary>
/// Vonage names for our ids: a call's <c>uuid</c> is its call id; its <c>conversation_uuid</c> is <c>CON-</c> and the
/// id of the call that started the conversation (the call itself, or the parent of a connect leg), so both legs of a
/// connect share one, as on Vonage.
/// </summary>
public static class VonageIds
{
    public const string ConversationPrefix = "CON-";

    public static string ConversationOf(CallRecord call) => ConversationOf(call.Id, call.ParentCallId);

    public static string ConversationOf(string callId, string? parentCallId) => ConversationPrefix + (parentCallId ?? callId);
}

using Voice.Core.Calls;

namespace Voice.Core.Lifecycles;

/// <summary>Maps a media-node hangup cause onto the final call status.</summary>
public static class HangupCauses
{
    /// <summary>The call's media node was lost (missed heartbeats, or restarted): the call failed, answered or not.</summary>
    public const string MediaNodeLost = "media_node_lost";

    /// <summary>
    /// After answer every cause but <see cref="MediaNodeLost"/> ends the call as completed. Before answer: busy → busy; no_answer, timeout →
    /// no-answer; canceled and normal (the caller gave up) → canceled; rejected, not_found, failed, shutdown and
    /// anything unknown → failed.
    /// </summary>
    public static CallStatus FinalStatus(string cause, bool answered) => cause == MediaNodeLost
        ? CallStatus.Failed
        : answered
        ? CallStatus.Completed
        : cause switch
        {
            "busy" => CallStatus.Busy,
            "no_answer" or "timeout" => CallStatus.NoAnswer,
            "canceled" or "normal" => CallStatus.Canceled,
            _ => CallStatus.Failed,
        };
}

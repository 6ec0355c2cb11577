using System.Text.Json.Nodes;
using Voice.Core.Events;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// A refer's progress from the node as call events: started when the far end accepts the REFER, completed when it
/// reports the target's 2xx, failed for every other end (refused, the target's failure, timeout, the call's end).
/// Provisional NOTIFYs (100, 180) make no event, as with Telnyx. <c>sip_notify_response</c> is the status the end
/// reports: the final sipfrag's, or the REFER's own response status when the far end refused it.
/// </summary>
internal static class CallTransferEvents
{
    public static void OnReferProgress(CallStep step, ReferProgressEvent refer)
    {
        if (!refer.Final)
        {
            if (refer.Sipfrag is null)
            {
                step.Publish(VoiceEventTypes.CallReferStarted, new() { ["refer_status"] = refer.Status });
            }

            return;
        }

        var data = new JsonObject
        {
            ["result"] = refer.Result,
            ["sip_notify_response"] = refer.Status > 0 ? refer.Status : null,
            ["sipfrag"] = refer.Sipfrag,
        };
        step.Publish(refer.Result == "succeeded" ? VoiceEventTypes.CallReferCompleted : VoiceEventTypes.CallReferFailed, data);
    }
}

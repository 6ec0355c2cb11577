using Voice.Core.Calls;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Orchestration.Tests;

/// <summary>Starts and drives calls in a test task hub as the media-node and the API would.</summary>
internal static class Calls
{
    public const string Account = "ACorchestration";

    public static StartOutboundCall Outbound(string id, int timeoutSeconds = 30, bool record = false) => new()
    {
        Call = new CallRecord
        {
            Id = id,
            AccountId = Account,
            Status = CallStatus.Queued,
            Direction = CallDirection.Outbound,
            From = "+15550100001",
            To = "+14155550100",
            Url = "https://app.example/answer",
            TimeoutSeconds = timeoutSeconds,
            Record = record,
            CreatedAt = DateTimeOffset.UtcNow,
        },
    };

    /// <summary>An inbound call as the media-events router starts it (the node has sent 180, the answer webhook is next).</summary>
    public static StartInboundCall Inbound(string id) => new()
    {
        Incoming = new IncomingCallEvent { Id = NewId("ev"), CallId = id, Seq = 1, From = "+14155550100", To = "+15550100002" },
        AccountId = Account,
        AnswerUrl = "https://app.example/answer",
    };

    public static string NewId(string prefix = "CA") => prefix + Guid.NewGuid().ToString("N");

    public static Task SendAsync(this DurableLifecycleHost host, string callId, long seq, MediaEvent mediaEvent) =>
        host.SignalCallAsync(callId, new MediaEventReceived(mediaEvent with { Seq = seq, CallId = callId }), CancellationToken.None);

    public static RingingEvent Ringing() => new() { Id = NewId("ev"), CallId = "" };

    public static AnsweredEvent Answered() => new() { Id = NewId("ev"), CallId = "" };

    public static HangupEvent Hangup(string cause = "normal") => new() { Id = NewId("ev"), CallId = "", Cause = cause };

    /// <summary>The statuses the lifecycle saved for a call, in order, repeats removed.</summary>
    public static IReadOnlyList<CallStatus> SavedStatuses(this ScriptedStepRunner runner, string callId)
    {
        var statuses = new List<CallStatus>();
        foreach (var save in runner.Effects.Select(e => e.Effect).OfType<SaveCall>().Where(s => s.Call.Id == callId))
        {
            if (statuses.Count == 0 || statuses[^1] != save.Call.Status)
            {
                statuses.Add(save.Call.Status);
            }
        }

        return statuses;
    }

    public static IEnumerable<string> PublishedTypes(this ScriptedStepRunner runner, string instanceId) =>
        runner.Effects.Where(e => e.InstanceId == instanceId).Select(e => e.Effect).OfType<PublishEvent>().Select(p => p.Event.Type);
}

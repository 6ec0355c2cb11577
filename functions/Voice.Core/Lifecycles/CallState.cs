using System.Collections.Immutable;
using Voice.Core.CallFlow;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Everything a call lifecycle knows: the call record, the running call flow and its program counter, what the
/// flow waits for, the pending webhook fetch, media-event ordering, timers and counters for deterministic ids.
/// Serializable with <see cref="LifecycleJson"/>.
/// </summary>
public sealed record CallState
{
    public required CallRecord Call { get; init; }

    /// <summary>The call flow being run, if any.</summary>
    public CallFlowDocument? Flow { get; init; }

    /// <summary>Index of the next action of <see cref="Flow"/> to run.</summary>
    public int NextAction { get; init; }

    /// <summary>What the flow waits for before it runs the next action; null when it is not waiting.</summary>
    public FlowWait? Waiting { get; init; }

    /// <summary>The webhook request in flight, if any.</summary>
    public PendingFetch? Fetch { get; init; }

    public string AnswerMethod { get; init; } = "GET";

    public string? FallbackUrl { get; init; }

    public int? LengthLimitSeconds { get; init; }

    /// <summary>Sequence number of the next media event to apply; lower ones are repeats.</summary>
    public long NextMediaSeq { get; init; } = 1;

    /// <summary>Media events that arrived ahead of a gap, ordered by sequence.</summary>
    public ImmutableList<MediaEvent> HeldEvents { get; init; } = [];

    /// <summary>Ids of the timers started and neither fired nor cancelled.</summary>
    public ImmutableList<string> Timers { get; init; } = [];

    public ImmutableList<ActiveRecording> Recordings { get; init; } = [];

    /// <summary>The leg of the running connect action.</summary>
    public string? ChildCallId { get; init; }

    /// <summary>The media command playing the connect's ringback tone while its leg rings.</summary>
    public string? RingbackCommandId { get; init; }

    /// <summary>The conference this call is in (or waiting to join).</summary>
    public string? ConferenceName { get; init; }

    /// <summary>Sequence of the last published event; events get 1, 2, 3… per call.</summary>
    public long EventSequence { get; init; }

    /// <summary>Source of the deterministic ids of commands, effects, requests and recordings.</summary>
    public long IdCounter { get; init; }

    /// <summary>Signals applied so far (hosts ContinueAsNew every N).</summary>
    public long SignalCount { get; init; }

    /// <summary>Ids of the latest commands applied (at most <see cref="CallCommandExecution.RememberedCommands"/>): a repeat is dropped.</summary>
    public ImmutableList<string> AppliedCommands { get; init; } = [];

    /// <summary>Media commands that live-call commands started and that have not ended yet, so their events get reported.</summary>
    public ImmutableList<CommandMedia> CommandMedia { get; init; } = [];

    /// <summary>The call this one is bridged with by a bridge command, if any.</summary>
    public string? BridgedWith { get; init; }

    /// <summary>Hold audio and announcements while the call waits in its queue with hold settings; null otherwise.</summary>
    public QueueHoldState? QueueHold { get; init; }

    /// <summary>Where each DTMF digit is reported as it is pressed (<see cref="SubscribeDtmf"/>); null: nowhere.</summary>
    public WebhookTarget? DtmfSubscription { get; init; }

    /// <summary>Commands the dial asked to run on answer (<see cref="StartOutboundCall.AnswerCommands"/>), until then.</summary>
    public ImmutableList<CallCommand> AnswerCommands { get; init; } = [];
}

/// <summary>What a media command started by a live-call command is, so its events are reported as speak/playback/gather events.</summary>
public enum CommandMediaKind
{
    Speak,
    Play,
    Gather,
    MachineDetection,
}

/// <summary>A media command (<see cref="MediaCommandId"/>) a live-call command started.</summary>
public sealed record CommandMedia(string MediaCommandId, CommandMediaKind Kind)
{
    /// <summary>For a machine detection: hang up when a machine answered (Vonage's <c>machine_detection: hangup</c>).</summary>
    public bool HangupOnMachine { get; init; }
}

/// <summary>What a call flow waits for.</summary>
public enum WaitKind
{
    /// <summary>An inbound call's answer (AnswerCommand sent).</summary>
    Answer,

    /// <summary>A webhook fetch (answer URL, input result, notify).</summary>
    Fetch,

    Speak,
    Play,
    Gather,

    /// <summary>A synchronous record action's recording.</summary>
    Recording,

    /// <summary>The leg of a connect action.</summary>
    ChildCall,

    /// <summary>Leaving a conference.</summary>
    Conference,

    /// <summary>A last message (conference full); the call hangs up when it ends.</summary>
    FinalPrompt,

    /// <summary>A WebSocket stream action, by stream id: the flow goes on when it stops or fails.</summary>
    Stream,

    /// <summary>An enqueue action, by queue name: the flow goes on when the call leaves the queue without a bridge.</summary>
    Queue,

    /// <summary>A bridge that took the call out of its queue, by queue name: the flow goes on when the other call leaves it.</summary>
    Bridge,

    /// <summary>A wait action: the flow goes on when its timer fires.</summary>
    Pause,
}

/// <summary>A wait: <see cref="Ref"/> is the command, request, recording, call or conference it waits on.</summary>
public sealed record FlowWait(WaitKind Kind, string Ref)
{
    /// <summary>For <see cref="WaitKind.Gather"/>: where the input result goes.</summary>
    public WebhookTarget? Webhook { get; init; }
}

/// <summary>A webhook request in flight; <see cref="Attempt"/> 1 = first try, 2 = retry, 3 = fallback URL.</summary>
public sealed record PendingFetch(string RequestId, WebhookPurpose Purpose, string Url, string Method, string PayloadJson, int Attempt);

/// <summary>A recording started by a record action (or the call's record flag) and not yet reported saved.</summary>
public sealed record ActiveRecording(string RecordingId, WebhookTarget? EventUrl, string? EndOnKey, bool Saved);

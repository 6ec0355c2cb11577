using System.Text.Json.Serialization;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Conferences;
using Voice.Core.Events;
using Voice.Core.Recordings;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Something a lifecycle asks its host to do. Hosts run effects at least once and in order; <see cref="Id"/> is
/// unique per instance and stable across replays, so a host (or the receiver) can drop a repeat.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(SendMediaCommand), "send_media_command")]
[JsonDerivedType(typeof(FetchCallFlow), "fetch_call_flow")]
[JsonDerivedType(typeof(PostStatusCallback), "post_status_callback")]
[JsonDerivedType(typeof(PostWebhook), "post_webhook")]
[JsonDerivedType(typeof(PublishEvent), "publish_event")]
[JsonDerivedType(typeof(SaveCall), "save_call")]
[JsonDerivedType(typeof(SaveConference), "save_conference")]
[JsonDerivedType(typeof(SaveRecording), "save_recording")]
[JsonDerivedType(typeof(SaveTranscriptSegment), "save_transcript_segment")]
[JsonDerivedType(typeof(StartTimer), "start_timer")]
[JsonDerivedType(typeof(CancelTimer), "cancel_timer")]
[JsonDerivedType(typeof(StartChildCall), "start_child_call")]
[JsonDerivedType(typeof(SignalCall), "signal_call")]
[JsonDerivedType(typeof(SignalConference), "signal_conference")]
[JsonDerivedType(typeof(LeaveQueue), "leave_queue")]
[JsonDerivedType(typeof(EnterQueue), "enter_queue")]
[JsonDerivedType(typeof(LookUpQueuePosition), "look_up_queue_position")]
public abstract record LifecycleEffect
{
    public required string Id { get; init; }
}

/// <summary>Enqueue <see cref="Command"/> on <see cref="Node"/>'s command queue.</summary>
public sealed record SendMediaCommand : LifecycleEffect
{
    public required MediaCommand Command { get; init; }

    /// <summary>The node run the call (or conference) lives on; null for a call that has none (the send fails).</summary>
    public Voice.Media.Contracts.Nodes.MediaNodeAddress? Node { get; init; }
}

/// <summary>
/// Request a call-flow document and answer with <see cref="CallFlowFetched"/> (2xx; an empty
/// body gives a null document) or <see cref="WebhookFailed"/> (connect or response budget exceeded, non-2xx), both
/// quoting <see cref="RequestId"/> and <see cref="Attempt"/>. The lifecycle decides on retries and the fallback.
/// For GET the payload's top-level fields become query parameters.
/// </summary>
public sealed record FetchCallFlow : LifecycleEffect
{
    /// <summary>Vonage's budgets: a connection within 3 s, the whole response within 5 s.</summary>
    public const int DefaultConnectTimeoutMs = 3000;

    public const int DefaultResponseTimeoutMs = 5000;

    public required string RequestId { get; init; }

    public required string Url { get; init; }

    public required string Method { get; init; }

    public required string PayloadJson { get; init; }

    public required WebhookPurpose Purpose { get; init; }

    /// <summary>1 for the first try, 2 for the retry, 3 for the fallback URL.</summary>
    public required int Attempt { get; init; }

    /// <summary>The call's dialect, whose wire format the request takes (Vonage's fields and signature).</summary>
    public Voice.Core.Accounts.ApplicationDialect Dialect { get; init; } = Voice.Core.Accounts.ApplicationDialect.Telefon;

    /// <summary>Where the lifecycle will go if this URL fails again (informational).</summary>
    public string? FallbackUrl { get; init; }

    public int ConnectTimeoutMs { get; init; } = DefaultConnectTimeoutMs;

    public int ResponseTimeoutMs { get; init; } = DefaultResponseTimeoutMs;
}

/// <summary>POST a status callback (fire and forget; the receiver deduplicates by the payload's event id).</summary>
public sealed record PostStatusCallback : LifecycleEffect
{
    public required string Url { get; init; }

    public required string PayloadJson { get; init; }
}

/// <summary>Call a webhook whose answer is not used (e.g. a record action's eventUrl).</summary>
public sealed record PostWebhook : LifecycleEffect
{
    public required string Url { get; init; }

    /// <summary>The call's dialect, whose wire format the webhook takes.</summary>
    public Voice.Core.Accounts.ApplicationDialect Dialect { get; init; } = Voice.Core.Accounts.ApplicationDialect.Telefon;

    public required string Method { get; init; }

    public required string PayloadJson { get; init; }
}

/// <summary>Publish an engine event (Event Grid / local delivery). Webhooks are posted by their own effects, never derived from these.</summary>
public sealed record PublishEvent : LifecycleEffect
{
    public required VoiceEvent Event { get; init; }
}

/// <summary>Upsert the call record.</summary>
public sealed record SaveCall : LifecycleEffect
{
    public required CallRecord Call { get; init; }
}

/// <summary>Upsert the conference record.</summary>
public sealed record SaveConference : LifecycleEffect
{
    public required ConferenceRecord Conference { get; init; }
}

/// <summary>Upsert a saved recording's metadata row.</summary>
public sealed record SaveRecording : LifecycleEffect
{
    public required RecordingRecord Recording { get; init; }
}

/// <summary>Store a final utterance of the call's transcript (idempotent by its id).</summary>
public sealed record SaveTranscriptSegment : LifecycleEffect
{
    public required TranscriptSegment Segment { get; init; }
}

/// <summary>Deliver a <c>TimerFired</c> signal with <see cref="TimerId"/> at <see cref="DueAt"/> (replaces a timer with the same id).</summary>
public sealed record StartTimer : LifecycleEffect
{
    public required string TimerId { get; init; }

    public required DateTimeOffset DueAt { get; init; }
}

/// <summary>Forget the timer; if it fires anyway the lifecycle ignores it.</summary>
public sealed record CancelTimer : LifecycleEffect
{
    public required string TimerId { get; init; }
}

/// <summary>Start a new call lifecycle with <see cref="Start"/> (a connect action's outbound leg).</summary>
public sealed record StartChildCall : LifecycleEffect
{
    public required StartOutboundCall Start { get; init; }
}

/// <summary>Deliver <see cref="Signal"/> to the call lifecycle of <see cref="CallId"/> (ignored if it does not exist).</summary>
public sealed record SignalCall : LifecycleEffect
{
    public required string CallId { get; init; }

    public required CallSignal Signal { get; init; }
}

/// <summary>
/// Deliver <see cref="Signal"/> to the conference named <see cref="ConferenceName"/> in <see cref="AccountId"/>;
/// a <see cref="JoinConference"/> to a conference that does not exist (or has completed) makes the host start a
/// new one first (see <see cref="ConferenceLifecycle"/>).
/// </summary>
public sealed record SignalConference : LifecycleEffect
{
    public required string AccountId { get; init; }

    public required string ConferenceName { get; init; }

    public required ConferenceSignal Signal { get; init; }
}

/// <summary>
/// Take <see cref="CallId"/> out of the queue <see cref="QueueName"/> of <see cref="AccountId"/>. When it was still
/// there, the host answers with <see cref="QueueLeft"/> (its position and wait) for the call; when something else took
/// it first (a bridge with the queue), nothing.
/// </summary>
public sealed record LeaveQueue : LifecycleEffect
{
    public required string AccountId { get; init; }

    public required string QueueName { get; init; }

    public required string CallId { get; init; }

    /// <summary>One of <see cref="Queues.QueueDepartureReasons"/>.</summary>
    public required string Reason { get; init; }
}

/// <summary>
/// Put <see cref="CallId"/> at the end of the queue <see cref="Enqueue"/> names (a call flow's enqueue action: the API
/// does this itself before it sends the command). The host answers with <see cref="CommandRequested"/> carrying
/// <see cref="Enqueue"/> with the queue's figures filled in, or <see cref="QueueEntryRefused"/> when the queue is full.
/// </summary>
public sealed record EnterQueue : LifecycleEffect
{
    public required string AccountId { get; init; }

    public required string CallId { get; init; }

    public required EnqueueCall Enqueue { get; init; }
}

/// <summary>
/// Read where <see cref="CallId"/> is in the queue <see cref="QueueName"/> of <see cref="AccountId"/> now; the host
/// answers with <see cref="QueuePosition"/> (position 0 when it is not there).
/// </summary>
public sealed record LookUpQueuePosition : LifecycleEffect
{
    public required string AccountId { get; init; }

    public required string QueueName { get; init; }

    public required string CallId { get; init; }
}

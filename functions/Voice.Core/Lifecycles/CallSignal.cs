using System.Text.Json.Serialization;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>An input to a running call lifecycle.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "signal")]
[JsonDerivedType(typeof(MediaEventReceived), "media_event")]
[JsonDerivedType(typeof(CallFlowFetched), "call_flow_fetched")]
[JsonDerivedType(typeof(WebhookFailed), "webhook_failed")]
[JsonDerivedType(typeof(TimerFired), "timer_fired")]
[JsonDerivedType(typeof(EndRequested), "end_requested")]
[JsonDerivedType(typeof(ChildCallStatusChanged), "child_call_status")]
[JsonDerivedType(typeof(ConferenceJoinRejected), "conference_join_rejected")]
[JsonDerivedType(typeof(ConferenceLeft), "conference_left")]
[JsonDerivedType(typeof(EffectsFailed), "effects_failed")]
[JsonDerivedType(typeof(CommandRequested), "command")]
[JsonDerivedType(typeof(PeerBridged), "peer_bridged")]
[JsonDerivedType(typeof(QueueLeft), "queue_left")]
[JsonDerivedType(typeof(QueuePosition), "queue_position")]
[JsonDerivedType(typeof(QueueEntryRefused), "queue_entry_refused")]
[JsonDerivedType(typeof(PeerUnbridged), "peer_unbridged")]
[JsonDerivedType(typeof(MediaNodeLost), "media_node_lost")]
public abstract record CallSignal;

/// <summary>An event from the media-node about this call (possibly repeated or out of order).</summary>
public sealed record MediaEventReceived(MediaEvent Event) : CallSignal;

/// <summary>
/// A <see cref="FetchCallFlow"/> got a 2xx answer. <see cref="Document"/> is the body (null or blank when empty);
/// it is validated by the lifecycle.
/// </summary>
public sealed record CallFlowFetched(string RequestId, int Attempt, string? Document) : CallSignal;

/// <summary>A <see cref="FetchCallFlow"/> failed; <see cref="Reason"/> says how ("connect timeout after 3 s", "HTTP 500").</summary>
public sealed record WebhookFailed(string RequestId, int Attempt, string Reason) : CallSignal;

/// <summary>A timer started with <see cref="StartTimer"/> is due.</summary>
public sealed record TimerFired(string TimerId) : CallSignal;

/// <summary>An API client asked to end the call (DELETE).</summary>
public sealed record EndRequested : CallSignal;

/// <summary>The status of the leg this call started with a connect action changed.</summary>
public sealed record ChildCallStatusChanged(string ChildCallId, CallStatus Status) : CallSignal;

/// <summary>The conference refused this call (e.g. full); <see cref="Message"/> is spoken to the caller before hanging up.</summary>
public sealed record ConferenceJoinRejected(string ConferenceName, string Reason, string Message) : CallSignal;

/// <summary>The conference removed this call (it ended); the call flow continues with its next action.</summary>
public sealed record ConferenceLeft(string ConferenceName, string Reason) : CallSignal;

/// <summary>
/// The host could not run this call's effects (storage, queue or event publishing kept failing after its retries);
/// <see cref="Reason"/> says which and why. The call ends <c>failed</c> and the failure is reported.
/// </summary>
public sealed record EffectsFailed(string Reason) : CallSignal;

/// <summary>
/// The call's media node run is gone (declared lost by the sweep, or restarted): the call ends <c>failed</c> with reason
/// <c>media_node_lost</c> at once, without a command to the node, which has nobody to run it.
/// </summary>
public sealed record MediaNodeLost(Voice.Media.Contracts.Nodes.MediaNodeAddress Node) : CallSignal;

/// <summary>A live-call command from an API dialect (or a repeat of one: the call applies each command id once).</summary>
public sealed record CommandRequested(CallCommand Command) : CallSignal;

/// <summary>Another call bridged itself with this one (its bridge command); this call reports it and remembers the peer.</summary>
public sealed record PeerBridged(string OtherCallId) : CallSignal;

/// <summary>
/// The call is out of <see cref="QueueName"/>, where it was at <see cref="Position"/> after <see cref="WaitSeconds"/>:
/// taken by a bridge, or removed for <see cref="Reason"/> (<see cref="Queues.QueueDepartureReasons"/>). Sent by whoever
/// removed it, once, so the call reports call.dequeued once.
/// </summary>
public sealed record QueueLeft(string QueueName, int Position, string Reason, int WaitSeconds) : CallSignal;

/// <summary>
/// Where the call is in <see cref="QueueName"/> now (the answer of <see cref="LookUpQueuePosition"/>): 1-based, 0 when it
/// is not there any more; <see cref="AverageWaitSeconds"/> of the calls waiting in it.
/// </summary>
public sealed record QueuePosition(string QueueName, int Position, int AverageWaitSeconds) : CallSignal;

/// <summary>The queue of an <see cref="EnterQueue"/> (the enqueue command <see cref="CommandId"/>) was full.</summary>
public sealed record QueueEntryRefused(string QueueName, string CommandId) : CallSignal;

/// <summary>The call this one was bridged with left the bridge (it unbridged or ended).</summary>
public sealed record PeerUnbridged(string OtherCallId) : CallSignal;

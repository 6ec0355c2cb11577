using Voice.Core.Commands;
using Voice.Core.Lifecycles;
using Voice.Engine.Conferences;

namespace Voice.Api.Telnyx;

/// <summary>What a conference action asks of the engine, read from its body by <see cref="TelnyxConferenceActions"/>.</summary>
public abstract record TelnyxConferenceAction;

/// <summary>A call joins (a live-call command on the call).</summary>
public sealed record JoinConferenceAction(string CallId, ConferenceJoinOptions Options, string CommandId, string? ClientState) : TelnyxConferenceAction;

/// <summary>A call leaves (a live-call command on the call).</summary>
public sealed record LeaveConferenceAction(string CallId, string CommandId) : TelnyxConferenceAction;

/// <summary>A signal to the conference (participants' mute, hold, speech, audio; the end).</summary>
public sealed record SignalConferenceAction(ConferenceSignal Signal) : TelnyxConferenceAction;

/// <summary>Nothing to change once the call is found to be a participant (an update to the role every participant has).</summary>
public sealed record CheckParticipantAction(string CallId) : TelnyxConferenceAction;

/// <summary>A live-call command for one participant's call (a gather while it is in the conference).</summary>
public sealed record ParticipantCommandAction(string CallId, CallCommand Command) : TelnyxConferenceAction;

using System.Text.Json.Nodes;
using Voice.Core.Conferences;
using Voice.Core.Events;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// The state machine of one conference: init → in-progress (first participant) → completed (the last one left,
/// a participant with endOnExit left, or the API ended it). participant_count follows every join and leave;
/// a join beyond max_participants is refused (the call hears a short message and hangs up; a
/// ConferenceParticipantRejected event says why). Participants that join before anyone with startOnEnter wait
/// outside the mix (music on hold or silence) and are joined when such a participant arrives. When the
/// conference ends, everyone still in it is removed from the mix and their call flows go on with their next
/// action (hanging up when there is none, as Vonage does). The mix is recorded when the conference or any
/// participant asks for it: the record command addresses the conference by putting its id in <c>call_id</c>.
/// Pure: see <see cref="ILifecycle{TState,TStart,TSignal}"/>.
/// </summary>
public sealed class ConferenceLifecycle : ILifecycle<ConferenceState, ConferenceStart, ConferenceSignal>
{
    /// <summary>What a caller hears when the conference is full.</summary>
    public const string FullMessage = "Sorry, this conference is full.";

    /// <summary>Why a join is refused when the call and the conference live on different media nodes.</summary>
    public const string MediaNodeMismatch = "media_node_mismatch";

    /// <summary>How many participants who left a conference remembers for its participant list.</summary>
    public const int RememberedDepartures = 20;

    /// <summary>The timer that ends a conference at its <see cref="ConferenceRecord.ExpiresAt"/>.</summary>
    public const string ExpiryTimer = "t:expires";

    public static ConferenceLifecycle Instance { get; } = new();

    public bool IsFinished(ConferenceState state) => state.Conference.Status == ConferenceStatus.Completed;

    public Transition<ConferenceState> Start(ConferenceStart start, DateTimeOffset now)
    {
        var state = new ConferenceState
        {
            Conference = start.Conference with { Status = ConferenceStatus.Init, ParticipantCount = 0 },
            Name = start.Name,
        };
        var step = new ConferenceStep(state, now);
        step.Save(ConferenceStatus.Init, 0);
        step.Publish(VoiceEventTypes.ConferenceCreated, CallField(state.Conference.CreatorCallId));
        if (state.Conference.ExpiresAt is { } expiresAt)
        {
            step.Emit(id => new StartTimer { Id = id, TimerId = ExpiryTimer, DueAt = expiresAt });
        }

        return step.Finish();
    }

    public Transition<ConferenceState> Apply(ConferenceState state, ConferenceSignal signal, DateTimeOffset now)
    {
        var step = new ConferenceStep(state, now);
        if (IsFinished(state))
        {
            switch (signal)
            {
                case JoinConference join:
                    Reject(step, join, "ended", "The conference has ended.");
                    break;
                case ConferenceMediaEventReceived { Event: RecordingSavedEvent saved }:
                    ConferenceRecording.Saved(step, saved);
                    break;
            }

            return step.Finish();
        }

        switch (signal)
        {
            case JoinConference join:
                OnJoin(step, join);
                break;
            case LeaveConference leave:
                OnLeave(step, leave);
                break;
            case UpdateConferenceParticipant update:
                OnUpdate(step, update);
                break;
            case EndConference end when end.ConferenceId is null || end.ConferenceId == state.Conference.Id:
                EndAll(step, "ended_by_api", end.HangUpParticipants);
                break;
            case RecordConference record when record.ConferenceId == state.Conference.Id:
                ConferenceRecording.Apply(step, record);
                break;
            case ConferenceTimerFired { TimerId: ExpiryTimer }:
                EndAll(step, "expired", hangUp: true);
                break;
            case ConferenceParticipantsSignal participants when participants.ConferenceId == state.Conference.Id:
                ConferenceParticipantActions.Apply(step, participants);
                break;
            case ConferenceEffectsFailed:
                EndAll(step, "effects_failed");
                break;
            case ConferenceMediaEventReceived { Event: RecordingSavedEvent saved }:
                ConferenceRecording.Saved(step, saved);
                break;
            case ConferenceMediaEventReceived received:
                ConferenceAudio.OnMediaEvent(step, received.Event);
                break;
        }

        return step.Finish();
    }

    private static void OnJoin(ConferenceStep step, JoinConference join)
    {
        var state = step.State;
        if (state.Participants.Any(p => p.CallId == join.CallId))
        {
            return;
        }

        if (state.Participants.Count >= state.Conference.MaxParticipants)
        {
            Reject(step, join, "max_participants", FullMessage);
            return;
        }

        // One node mixes a conference: an empty one moves to its joiner's node, a call on another node is refused.
        if (state.Participants.Count == 0 || state.Conference.Node is null)
        {
            step.PlaceOn(join.Node);
        }
        else if (join.Node is { } node && node != state.Conference.Node)
        {
            Reject(step, join, MediaNodeMismatch, $"The call is on media node {node.NodeId}, the conference on {state.Conference.Node.NodeId}.");
            return;
        }

        // A join both muted and deaf is a held one (the live-call command's hold): unheld later, it is neither.
        var held = join.Muted && join.Deaf;
        var participant = new ConferenceParticipant
        {
            CallId = join.CallId,
            EndOnExit = join.EndOnExit,
            EndOnExitHangsUp = join.EndOnExitHangsUp,
            Muted = join.Muted && !held,
            Deaf = join.Deaf && !held,
            OnHold = held,
            CoachCallId = join.CoachCallId,
            EventUrl = join.EventUrl,
            JoinedAt = step.Now,
            UpdatedAt = step.Now,
        };
        // From step.State, not the state read at the top: placing the conference on a node changed it since.
        step.State = step.State with
        {
            Participants = step.State.Participants.Add(participant),
            RecordRequested = step.State.RecordRequested || join.Record,
        };
        if (state.Started || join.StartOnEnter)
        {
            step.State = step.State with { Started = true };
            foreach (var member in step.State.Participants.Where(p => p.Waiting || p.CallId == join.CallId).ToList())
            {
                AddToMix(step, member);
            }

            StartRecordingIfAsked(step);
        }
        else
        {
            var hold = (join.MusicOnHoldUrl ?? state.Conference.HoldAudioUrl) is { } url
                ? step.Send(id => new PlayCommand { Id = id, CallId = join.CallId, IssuedAt = step.Now, Url = url, Loop = 0 })
                : null;
            step.Replace(participant with { Waiting = true, HoldCommandId = hold });
        }

        var count = step.State.Participants.Count;
        step.Save(ConferenceStatus.InProgress, count);
        step.Publish(
            VoiceEventTypes.ConferenceParticipantJoined,
            new JsonObject { ["call_id"] = join.CallId, ["waiting"] = !step.State.Started },
            join.EventUrl);
    }

    private static void AddToMix(ConferenceStep step, ConferenceParticipant member)
    {
        if (member.HoldCommandId is not null)
        {
            step.Send(id => new StopMediaCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now });
        }

        step.Send(id => new JoinConferenceCommand
        {
            Id = id,
            CallId = member.CallId,
            IssuedAt = step.Now,
            ConferenceId = step.State.Conference.Id,
            Muted = member.MutedInMix,
            Deaf = member.DeafInMix,
            CoachCallId = member.CoachCallId,
        });
        step.Replace(member with { Waiting = false, HoldCommandId = null });
    }

    private static void StartRecordingIfAsked(ConferenceStep step)
    {
        if (step.State.RecordingId is null && (step.State.Conference.Record || step.State.RecordRequested))
        {
            ConferenceRecording.Start(step);
        }
    }

    private static void OnLeave(ConferenceStep step, LeaveConference leave)
    {
        var member = step.State.Participants.Find(p => p.CallId == leave.CallId);
        if (member is null)
        {
            return;
        }

        Remove(step, member, leave.CallEnded ? Departure.CallEnded : Departure.Removed, leave.CallEnded ? "hangup" : "removed");
        if (member.EndOnExit && !step.State.Participants.IsEmpty)
        {
            step.State = step.State with { Conference = step.State.Conference with { EndedByCallId = member.CallId } };
            EndAll(step, "end_on_exit", hangUp: member.EndOnExitHangsUp);
        }
        else if (step.State.Participants.IsEmpty)
        {
            Complete(step, "last_participant_left");
        }
    }

    /// <summary>
    /// Takes a participant out of the conference: a call that is still up is told, so its flow goes on, or is hung up
    /// (<see cref="Departure.HungUp"/>: the call's own hangup then takes it out of the mix).
    /// </summary>
    private static void Remove(ConferenceStep step, ConferenceParticipant member, Departure departure, string reason)
    {
        var departed = ConferenceStep.Member(member) with { Status = ConferenceMemberStatus.Left, OnHold = false, UpdatedAt = step.Now };
        var departures = step.State.Departed.Add(departed);
        step.State = step.State with
        {
            Participants = step.State.Participants.Remove(member),
            Departed = departures.Count > RememberedDepartures ? departures.RemoveAt(0) : departures,
        };
        step.Save(ConferenceStatus.InProgress, step.State.Participants.Count);
        if (departure == Departure.HungUp)
        {
            step.Emit(id => new SignalCall { Id = id, CallId = member.CallId, Signal = new EndRequested() });
        }
        else if (departure == Departure.Removed)
        {
            if (member.HoldCommandId is not null && !member.Waiting)
            {
                step.Send(id => new StopMediaCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now });
            }

            step.Send(id => member.Waiting
                ? new StopMediaCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now }
                : new LeaveConferenceCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now });
            var left = new ConferenceLeft(step.State.Name, reason);
            step.Emit(id => new SignalCall { Id = id, CallId = member.CallId, Signal = left });
        }

        step.Publish(VoiceEventTypes.ConferenceParticipantLeft, new JsonObject { ["call_id"] = member.CallId, ["reason"] = reason }, member.EventUrl);
    }

    /// <summary>Everyone leaves and the conference completes; with <paramref name="hangUp"/> their calls are hung up.</summary>
    private static void EndAll(ConferenceStep step, string reason, bool hangUp = false)
    {
        foreach (var member in step.State.Participants)
        {
            Remove(step, member, hangUp ? Departure.HungUp : Departure.Removed, reason);
        }

        Complete(step, reason);
    }

    private static void Complete(ConferenceStep step, string reason)
    {
        ConferenceRecording.Stop(step);
        if (step.State.Conference.ExpiresAt is not null)
        {
            step.Emit(id => new CancelTimer { Id = id, TimerId = ExpiryTimer });
        }

        step.State = step.State with { Conference = step.State.Conference with { EndedAt = step.Now, EndReason = reason } };
        step.Save(ConferenceStatus.Completed, 0);
        var ended = CallField(step.State.Conference.EndedByCallId ?? step.State.Conference.CreatorCallId);
        ended["reason"] = reason;
        step.Publish(VoiceEventTypes.ConferenceEnded, ended);
    }

    private static void OnUpdate(ConferenceStep step, UpdateConferenceParticipant update)
    {
        var member = step.State.Participants.Find(p => p.CallId == update.CallId);
        if (member is null)
        {
            return;
        }

        // A held participant's hold becomes plain muted and deaf first: the update then changes what it names.
        var muted = member.OnHold || member.Muted;
        var deaf = member.OnHold || member.Deaf;
        step.Replace(member with { Muted = update.Muted ?? muted, Deaf = update.Deaf ?? deaf, OnHold = false, UpdatedAt = step.Now });
        if (!member.Waiting)
        {
            step.Send(id => new UpdateParticipantCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now, Muted = update.Muted, Deaf = update.Deaf });
        }
    }

    private static void Reject(ConferenceStep step, JoinConference join, string reason, string message)
    {
        var rejected = new ConferenceJoinRejected(step.State.Name, reason, message);
        step.Emit(id => new SignalCall { Id = id, CallId = join.CallId, Signal = rejected });
        var data = new JsonObject
        {
            ["call_id"] = join.CallId,
            ["reason"] = reason,
            ["max_participants"] = step.State.Conference.MaxParticipants,
        };
        step.Publish(VoiceEventTypes.ConferenceParticipantRejected, data, join.EventUrl);
    }

    /// <summary>The call an event is about (<c>call_id</c>), when there is one.</summary>
    private static JsonObject CallField(string? callId) => callId is null ? [] : new JsonObject { ["call_id"] = callId };

    /// <summary>How a participant leaves: its call ended, it is taken out (its flow goes on), or its call is hung up.</summary>
    private enum Departure
    {
        CallEnded,
        Removed,
        HungUp,
    }
}

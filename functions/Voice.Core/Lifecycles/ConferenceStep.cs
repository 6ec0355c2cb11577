using System.Text.Json.Nodes;
using Voice.Core.CallFlow;
using Voice.Core.Conferences;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// The working area of one <see cref="ConferenceLifecycle"/> step (see <see cref="CallStep"/>): the state being built,
/// the effects so far, and the helpers that keep ids, sequences, the saved record and the events consistent.
/// </summary>
internal sealed class ConferenceStep(ConferenceState state, DateTimeOffset now)
{
    private readonly EffectBuffer buffer = new(state.Conference.Id, state.IdCounter, state.EventSequence, now, state.Conference.Node);

    public ConferenceState State { get; set; } = state;

    public DateTimeOffset Now => now;

    public string NextId(string kind) => buffer.NextId(kind);

    public void Emit(Func<string, LifecycleEffect> create) => buffer.Emit(create);

    public string Send(Func<string, MediaCommand> create) => buffer.Send(create);

    /// <summary>Puts the conference on <paramref name="node"/>: its record says so and its commands go there.</summary>
    public void PlaceOn(Voice.Media.Contracts.Nodes.MediaNodeAddress? node)
    {
        State = State with { Conference = State.Conference with { Node = node } };
        buffer.Node = node;
    }

    /// <summary>
    /// Publishes a conference event. A conference with a <see cref="ConferenceRecord.WebhookUrl"/> (created through a
    /// dialect that reports every event) gets it there in its dialect's format; with <paramref name="webhook"/> the
    /// event's data is also posted to a participant's event URL (the call flow's conversation eventUrl).
    /// </summary>
    public void Publish(string type, JsonObject? extra = null, WebhookTarget? webhook = null)
    {
        var conference = State.Conference;
        var data = new JsonObject
        {
            ["conference_id"] = conference.Id,
            ["name"] = State.Name,
            ["status"] = StatusName(conference.Status),
            ["participant_count"] = conference.ParticipantCount,
        };
        if (conference.ApplicationId is { } applicationId)
        {
            data["application_id"] = applicationId;
        }

        if (conference.ClientState is { } clientState)
        {
            data["client_state"] = clientState;
        }

        var published = buffer.Publish(
            type, conference.AccountId, $"/conferences/{conference.Id}", EffectBuffer.Merge(data, extra), conference.WebhookUrl, conference.Dialect);
        if (webhook is not null)
        {
            var payload = EffectBuffer.Merge(new JsonObject { ["event_id"] = published.Id, ["type"] = type }, published.Data).ToJsonString();
            Emit(id => new PostWebhook { Id = id, Url = webhook.Url, Method = webhook.Method, PayloadJson = payload });
        }
    }

    /// <summary>Saves the record with <paramref name="status"/>, the count and every member (and recent departures).</summary>
    public void Save(ConferenceStatus status, int participantCount)
    {
        State = State with
        {
            Conference = State.Conference with
            {
                Status = status,
                ParticipantCount = participantCount,
                UpdatedAt = now,
                Participants = [.. State.Participants.Select(Member), .. State.Departed],
            },
        };
        var record = State.Conference;
        Emit(id => new SaveConference { Id = id, Conference = record });
    }

    public Transition<ConferenceState> Finish() => new(
        State with { SignalCount = State.SignalCount + 1, IdCounter = buffer.IdCounter, EventSequence = buffer.EventSequence },
        buffer.Effects);

    /// <summary>Replaces the participant with <paramref name="member"/>'s call id.</summary>
    public void Replace(ConferenceParticipant member)
    {
        var index = State.Participants.FindIndex(p => p.CallId == member.CallId);
        State = State with { Participants = State.Participants.SetItem(index, member) };
    }

    /// <summary>How a participant is listed: a waiting one is on hold (it hears music or silence, not the mix).</summary>
    public static ConferenceMember Member(ConferenceParticipant p) => new()
    {
        CallId = p.CallId,
        Status = ConferenceMemberStatus.Joined,
        Muted = p.Muted,
        OnHold = p.OnHold || p.Waiting,
        EndOnExit = p.EndOnExit,
        JoinedAt = p.JoinedAt,
        UpdatedAt = p.UpdatedAt,
    };

    private static string StatusName(ConferenceStatus status) => status switch
    {
        ConferenceStatus.Init => "init",
        ConferenceStatus.InProgress => "in-progress",
        _ => "completed",
    };
}

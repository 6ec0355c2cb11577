using System.Text.Json.Serialization;
using Voice.Core.CallFlow;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>An input to a conference lifecycle.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "signal")]
[JsonDerivedType(typeof(JoinConference), "join")]
[JsonDerivedType(typeof(LeaveConference), "leave")]
[JsonDerivedType(typeof(UpdateConferenceParticipant), "update_participant")]
[JsonDerivedType(typeof(EndConference), "end")]
[JsonDerivedType(typeof(ConferenceMediaEventReceived), "media_event")]
[JsonDerivedType(typeof(ConferenceEffectsFailed), "effects_failed")]
public abstract record ConferenceSignal;

/// <summary>A call asks to join (its conversation action). Options as the NCCO conversation action.</summary>
public sealed record JoinConference : ConferenceSignal
{
    public required string CallId { get; init; }

    public bool StartOnEnter { get; init; } = true;

    public bool EndOnExit { get; init; }

    public bool Muted { get; init; }

    public bool Deaf { get; init; }

    /// <summary>When set, only this call hears the participant (coach / whisper).</summary>
    public string? CoachCallId { get; init; }

    /// <summary>Start recording the conference mix if it is not recorded yet.</summary>
    public bool Record { get; init; }

    /// <summary>Played in a loop while the participant waits for the conference to start.</summary>
    public string? MusicOnHoldUrl { get; init; }

    /// <summary>Receives this participant's joined, left and rejected events (the conversation action's eventUrl).</summary>
    public WebhookTarget? EventUrl { get; init; }
}

/// <summary>A call left (<see cref="CallEnded"/>: it hung up, so no media command is needed for it).</summary>
public sealed record LeaveConference(string CallId, bool CallEnded) : ConferenceSignal;

/// <summary>Mute/unmute or deafen/undeafen a participant (API).</summary>
public sealed record UpdateConferenceParticipant(string CallId, bool? Muted, bool? Deaf) : ConferenceSignal;

/// <summary>End the conference now (API): everyone is removed.</summary>
public sealed record EndConference : ConferenceSignal;

/// <summary>A media-node event for the conference itself (its mix recording).</summary>
public sealed record ConferenceMediaEventReceived(MediaEvent Event) : ConferenceSignal;

/// <summary>The host could not run this conference's effects after its retries: the conference ends, everyone is removed.</summary>
public sealed record ConferenceEffectsFailed(string Reason) : ConferenceSignal;

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
[JsonDerivedType(typeof(OpenConference), "open")]
[JsonDerivedType(typeof(ChangeConferenceParticipants), "change_participants")]
[JsonDerivedType(typeof(SpeakToConference), "speak")]
[JsonDerivedType(typeof(PlayToConference), "play")]
[JsonDerivedType(typeof(StopConferenceAudio), "stop_audio")]
[JsonDerivedType(typeof(SendDigitsToConference), "send_digits")]
[JsonDerivedType(typeof(ConferenceMediaEventReceived), "media_event")]
[JsonDerivedType(typeof(ConferenceEffectsFailed), "effects_failed")]
[JsonDerivedType(typeof(RecordConference), "record")]
[JsonDerivedType(typeof(ConferenceTimerFired), "timer_fired")]
public abstract record ConferenceSignal;

/// <summary>A call asks to join (its conversation action). Options as the NCCO conversation action.</summary>
public sealed record JoinConference : ConferenceSignal
{
    public required string CallId { get; init; }

    /// <summary>The media-node run the joining call lives on; a conference mixes on one node.</summary>
    public Voice.Media.Contracts.Nodes.MediaNodeAddress? Node { get; init; }

    public bool StartOnEnter { get; init; } = true;

    public bool EndOnExit { get; init; }

    /// <summary>With <see cref="EndOnExit"/>: the conference's end hangs up everyone still in it (Telnyx's end on exit), not only lets them go.</summary>
    public bool EndOnExitHangsUp { get; init; }

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
public sealed record EndConference : ConferenceSignal
{
    /// <summary>When set, only the conference with this id ends (not a later one under the same name).</summary>
    public string? ConferenceId { get; init; }

    /// <summary>Hang up every participant's call (Telnyx's end) instead of letting their flows go on.</summary>
    public bool HangUpParticipants { get; init; }
}

/// <summary>
/// An API created the conference for a call: the host starts the instance with <see cref="Start"/> (its record, id and
/// reporting), or restarts a finished one under the name with it. The lifecycle itself has nothing more to do.
/// </summary>
public sealed record OpenConference(ConferenceStart Start) : ConferenceSignal;

/// <summary>
/// A signal from an API about some of a conference's participants. <see cref="CallIds"/> empty: every participant.
/// <see cref="ConferenceId"/> keeps it from reaching a later conference under the same name.
/// </summary>
public abstract record ConferenceParticipantsSignal : ConferenceSignal
{
    public required string ConferenceId { get; init; }

    public IReadOnlyList<string> CallIds { get; init; } = [];
}

/// <summary>Mute/unmute, hold/unhold participants, or change their end-on-exit (null leaves a setting as it is).</summary>
public sealed record ChangeConferenceParticipants : ConferenceParticipantsSignal
{
    public bool? Muted { get; init; }

    public bool? OnHold { get; init; }

    /// <summary>Played in a loop to participants put on hold (they hear silence without it).</summary>
    public string? HoldAudioUrl { get; init; }

    /// <summary>Whether the conference ends when the participant leaves.</summary>
    public bool? EndOnExit { get; init; }

    /// <summary>With <see cref="EndOnExit"/>: whether that end hangs up everyone still in it.</summary>
    public bool? EndOnExitHangsUp { get; init; }
}

/// <summary>Speak <see cref="Text"/> to participants (each hears it instead of the mix while it lasts).</summary>
public sealed record SpeakToConference : ConferenceParticipantsSignal
{
    public required string Text { get; init; }

    public string Voice { get; init; } = "en-us";
}

/// <summary>Play <see cref="Url"/> to participants; <see cref="Loop"/> 0 repeats until stopped.</summary>
public sealed record PlayToConference : ConferenceParticipantsSignal
{
    public required string Url { get; init; }

    public int Loop { get; init; } = 1;
}

/// <summary>Stop what is spoken or played to participants (hold music stays).</summary>
public sealed record StopConferenceAudio : ConferenceParticipantsSignal;

/// <summary>Send DTMF <see cref="Digits"/> (RFC 4733) to participants' phones, whether or not they are in the mix.</summary>
public sealed record SendDigitsToConference : ConferenceParticipantsSignal
{
    public required string Digits { get; init; }

    public int DurationMs { get; init; } = 250;
}

/// <summary>A media-node event for the conference itself (its mix recording).</summary>
public sealed record ConferenceMediaEventReceived(MediaEvent Event) : ConferenceSignal;

/// <summary>The host could not run this conference's effects after its retries: the conference ends, everyone is removed.</summary>
public sealed record ConferenceEffectsFailed(string Reason) : ConferenceSignal;

/// <summary>Start, stop, pause or resume the recording of the conference's mix (API).</summary>
public sealed record RecordConference(string ConferenceId, ConferenceRecordingAction Action) : ConferenceSignal
{
    /// <summary>When set, a stop, pause or resume applies only to this recording.</summary>
    public string? RecordingId { get; init; }
}

/// <summary>What <see cref="RecordConference"/> does.</summary>
public enum ConferenceRecordingAction
{
    Start,
    Stop,
    Pause,
    Resume,
}

/// <summary>A timer the conference started came due (its expiry).</summary>
public sealed record ConferenceTimerFired(string TimerId) : ConferenceSignal;

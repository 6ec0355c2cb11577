using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Voice.Core.CallFlow;
using Voice.Core.Conferences;

namespace Voice.Core.Lifecycles;

/// <summary>What creates a conference lifecycle: the record (from the API, or defaults for a conversation action's name).</summary>
public sealed record ConferenceStart(ConferenceRecord Conference, string Name);

/// <summary>Everything a conference lifecycle knows. Serializable with <see cref="LifecycleJson"/>.</summary>
public sealed record ConferenceState
{
    public required ConferenceRecord Conference { get; init; }

    /// <summary>The conversation name calls join by.</summary>
    public required string Name { get; init; }

    /// <summary>True once a participant with startOnEnter joined; until then participants wait outside the mix.</summary>
    public bool Started { get; init; }

    public ImmutableList<ConferenceParticipant> Participants { get; init; } = [];

    /// <summary>Set when a participant asked for recording before the conference started.</summary>
    public bool RecordRequested { get; init; }

    /// <summary>The mix recording, once started.</summary>
    public string? RecordingId { get; init; }

    public bool RecordingSaved { get; init; }

    /// <summary>When the mix recording started, and when it was stopped (null while it runs).</summary>
    public DateTimeOffset? RecordingStartedAt { get; init; }

    public DateTimeOffset? RecordingStoppedAt { get; init; }

    /// <summary>The last <see cref="ConferenceLifecycle.RememberedDepartures"/> participants who left, newest last (for participant lists).</summary>
    public ImmutableList<ConferenceMember> Departed { get; init; } = [];

    /// <summary>Speak and play actions whose media has not ended on every participant yet.</summary>
    public ImmutableList<ConferenceAudioAction> Audio { get; init; } = [];

    public long EventSequence { get; init; }

    public long IdCounter { get; init; }

    public long SignalCount { get; init; }
}

/// <summary>
/// A call in the conference. <see cref="Waiting"/>: joined before the conference started, so outside the mix
/// (hearing <see cref="HoldCommandId"/>'s music or silence).
/// </summary>
public sealed record ConferenceParticipant
{
    public required string CallId { get; init; }

    public bool EndOnExit { get; init; }

    /// <summary>With <see cref="EndOnExit"/>: the conference's end hangs up everyone still in it (Telnyx's end on exit), not only lets them go.</summary>
    public bool EndOnExitHangsUp { get; init; }

    public bool Muted { get; init; }

    public bool Deaf { get; init; }

    /// <summary>
    /// Held: neither heard nor hearing, whatever <see cref="Muted"/> and <see cref="Deaf"/> say (a join both muted and
    /// deaf, or the API's hold); unheld, the participant is as muted and deaf as before.
    /// </summary>
    public bool OnHold { get; init; }

    public string? CoachCallId { get; init; }

    public bool Waiting { get; init; }

    public DateTimeOffset JoinedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Where this participant's events are posted.</summary>
    public WebhookTarget? EventUrl { get; init; }

    /// <summary>The music played to the participant while waiting or held, to be stopped when that ends.</summary>
    public string? HoldCommandId { get; init; }

    /// <summary>What the node is told: muted when held.</summary>
    [JsonIgnore]
    public bool MutedInMix => Muted || OnHold;

    /// <summary>What the node is told: deaf when held.</summary>
    [JsonIgnore]
    public bool DeafInMix => Deaf || OnHold;
}

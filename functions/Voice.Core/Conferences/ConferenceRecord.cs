using System.Collections.Immutable;
using Voice.Core.Accounts;

namespace Voice.Core.Conferences;

/// <summary>A conference room as stored and as the API reports it.</summary>
public sealed record ConferenceRecord
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    /// <summary>The conversation name calls join by (a conference opened by a join is named after it).</summary>
    public string? FriendlyName { get; init; }

    public required ConferenceStatus Status { get; init; }

    public int ParticipantCount { get; init; }

    public int MaxParticipants { get; init; } = 250;

    public bool Record { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    /// <summary>Whose webhooks the conference's events get (a conference created through the Telnyx API: Telnyx's).</summary>
    public ApplicationDialect Dialect { get; init; } = ApplicationDialect.Telefon;

    /// <summary>Where every event of the conference is posted in <see cref="Dialect"/>'s format; null: only participants' event URLs.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>The application (Telnyx: connection) the conference was created through.</summary>
    public string? ApplicationId { get; init; }

    /// <summary>The client state given at creation, echoed in the conference's events.</summary>
    public string? ClientState { get; init; }

    /// <summary>The call that created the conference (its first participant), when an API created it for a call.</summary>
    public string? CreatorCallId { get; init; }

    /// <summary>When the conference is ended whatever its participants do.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Played to participants who wait for the conference to start, unless their join names other music.</summary>
    public string? HoldAudioUrl { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Why it ended: last_participant_left, end_on_exit, ended_by_api, expired, effects_failed.</summary>
    public string? EndReason { get; init; }

    /// <summary>The participant whose exit ended the conference (end on exit).</summary>
    public string? EndedByCallId { get; init; }

    /// <summary>The media-node run that mixes the conference: its first member's. Members on other nodes are refused.</summary>
    public Voice.Media.Contracts.Nodes.MediaNodeAddress? Node { get; init; }

    /// <summary>Who is in the conference, and the last few who left (oldest departures are forgotten first).</summary>
    public ImmutableList<ConferenceMember> Participants { get; init; } = [];
}

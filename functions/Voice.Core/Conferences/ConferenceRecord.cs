namespace Voice.Core.Conferences;

/// <summary>A conference room as stored and as the API reports it.</summary>
public sealed record ConferenceRecord
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public string? FriendlyName { get; init; }

    public required ConferenceStatus Status { get; init; }

    public int ParticipantCount { get; init; }

    public int MaxParticipants { get; init; } = 250;

    public bool Record { get; init; }

    public required DateTimeOffset DateCreated { get; init; }
}

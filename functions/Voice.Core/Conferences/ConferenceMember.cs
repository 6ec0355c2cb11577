namespace Voice.Core.Conferences;

/// <summary>A call's membership of a conference, as stored with it and as the APIs list participants.</summary>
public sealed record ConferenceMember
{
    public required string CallId { get; init; }

    public required ConferenceMemberStatus Status { get; init; }

    public bool Muted { get; init; }

    /// <summary>Neither heard nor hearing the conference (held by the API, or waiting for the conference to start).</summary>
    public bool OnHold { get; init; }

    public bool EndOnExit { get; init; }

    public required DateTimeOffset JoinedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Where a member is: joined (in the conference, perhaps waiting for it to start) or left.</summary>
public enum ConferenceMemberStatus
{
    Joined,
    Left,
}

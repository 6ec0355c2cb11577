using Voice.Core.Accounts;

namespace Voice.Engine.Conferences;

/// <summary>A conference an API creates for a live call, which joins it as its first participant.</summary>
public sealed record CallConferenceRequest
{
    public required string CallId { get; init; }

    public required string Name { get; init; }

    /// <summary>Whose webhooks the conference's events get; they go to the creating call's webhook URL.</summary>
    public required ApplicationDialect Dialect { get; init; }

    /// <summary>The client's id for the create: a repeat returns the first conference and joins nothing again.</summary>
    public string? CommandId { get; init; }

    public string? ClientState { get; init; }

    public int MaxParticipants { get; init; } = 250;

    /// <summary>Ends the conference this long after creation (Telnyx: 4 hours by default).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(4);

    public string? HoldAudioUrl { get; init; }

    /// <summary>False: participants wait (on hold) until one joins with start-on-enter.</summary>
    public bool StartOnCreate { get; init; } = true;
}

/// <summary>How a call joins a conference (the creating call's join, or a later one).</summary>
public sealed record ConferenceJoinOptions
{
    public bool Muted { get; init; }

    public bool Hold { get; init; }

    public bool StartOnEnter { get; init; }

    public bool EndOnExit { get; init; }

    /// <summary>With <see cref="EndOnExit"/>: the conference's end hangs up everyone still in it (Telnyx's end on exit), not only lets them go.</summary>
    public bool EndOnExitHangsUp { get; init; }
}

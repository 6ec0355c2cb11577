namespace Voice.Core.Accounts;

/// <summary>A phone number an account owns; inbound calls to it are driven by its answer URL.</summary>
public sealed record PhoneNumberRecord
{
    public required string AccountId { get; init; }

    /// <summary>E.164, e.g. +15550100001.</summary>
    public required string Number { get; init; }

    /// <summary>Call-flow webhook fetched when an inbound call to this number arrives.</summary>
    public string? AnswerUrl { get; init; }

    /// <summary>Where status events of inbound calls to this number go.</summary>
    public string? EventUrl { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

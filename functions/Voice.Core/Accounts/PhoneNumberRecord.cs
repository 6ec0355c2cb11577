namespace Voice.Core.Accounts;

/// <summary>
/// A phone number an account owns. Inbound calls to it are driven by its application; a number without an
/// application but with its own answer URL is driven by that URL (the Telefon shortcut, and numbers from before
/// applications); a number with neither is rejected with 404.
/// </summary>
public sealed record PhoneNumberRecord
{
    public required string AccountId { get; init; }

    /// <summary>E.164, e.g. +15550100001.</summary>
    public required string Number { get; init; }

    /// <summary>The application that answers it, in the same account.</summary>
    public string? ApplicationId { get; init; }

    /// <summary>Call-flow webhook fetched when an inbound call to this number arrives (overrides the application's).</summary>
    public string? AnswerUrl { get; init; }

    /// <summary>Where status events of inbound calls to this number go (overrides the application's).</summary>
    public string? EventUrl { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

namespace Voice.Core.Accounts;

/// <summary>
/// How an account's calls are driven and reported: the webhooks of the calls to its numbers and SIP addresses,
/// the dialect those webhooks speak, and that dialect's own settings.
/// </summary>
public sealed record ApplicationRecord
{
    public const string IdPrefix = "AP";

    public required string AccountId { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public ApplicationDialect Dialect { get; init; } = ApplicationDialect.Telefon;

    public string? AnswerUrl { get; init; }

    /// <summary>GET or POST.</summary>
    public string AnswerMethod { get; init; } = "GET";

    public string? EventUrl { get; init; }

    /// <summary>GET or POST.</summary>
    public string EventMethod { get; init; } = "POST";

    /// <summary>Fetched when the answer URL fails (Vonage's fallback_answer_url).</summary>
    public string? FallbackUrl { get; init; }

    public InboundBehaviour Inbound { get; init; } = InboundBehaviour.Fetch;

    /// <summary>SIP URIs (<c>sip:support@example.com</c>) whose inbound calls this application answers.</summary>
    public IReadOnlyList<string> SipUris { get; init; } = [];

    public TelnyxApplicationSettings? Telnyx { get; init; }

    public VonageApplicationSettings? Vonage { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

namespace Voice.Core.Accounts;

/// <summary>
/// What a Telnyx call-control application holds beyond the common URLs (compat-notes §A.4), with Telnyx's field
/// meanings and defaults. Stored as one JSON column, so a field added here needs no storage change, and rows written
/// before it read its default.
/// </summary>
public sealed record TelnyxApplicationSettings
{
    public string? WebhookEventUrl { get; init; }

    public string? WebhookEventFailoverUrl { get; init; }

    /// <summary>"1" or "2" (Telnyx's values).</summary>
    public string WebhookApiVersion { get; init; } = "2";

    /// <summary>Seconds to wait for a webhook answer, 1..30 (Telnyx's range); null for the default.</summary>
    public int? WebhookTimeoutSecs { get; init; }

    /// <summary>Seconds a parked call waits for its first command, 1..120; null: no limit besides the call's own.</summary>
    public int? FirstCommandTimeoutSecs { get; init; }

    /// <summary>Whether calls to the application's numbers hang up when no command came within <see cref="FirstCommandTimeoutSecs"/>.</summary>
    public bool FirstCommandTimeout { get; init; }

    /// <summary>Whether the application (Telnyx's connection) can be used.</summary>
    public bool Active { get; init; } = true;

    /// <summary>Telnyx's media site choice ("Latency", "Chicago, IL", …): stored and echoed; one media site here.</summary>
    public string AnchorsiteOverride { get; init; } = "Latency";

    /// <summary>"RFC 2833", "Inband" or "SIP INFO": how DTMF is sent to the calls.</summary>
    public string DtmfType { get; init; } = "RFC 2833";

    public bool CallCostInWebhooks { get; init; }

    public bool RedactDtmfDebugLogging { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>At most this many inbound calls at once (Telnyx's <c>inbound.channel_limit</c>); null: no limit.</summary>
    public int? InboundChannelLimit { get; init; }

    public bool InboundShakenStirEnabled { get; init; }

    public string? InboundSipSubdomain { get; init; }

    /// <summary>"from_anyone" or "only_my_connections".</summary>
    public string InboundSipSubdomainReceiveSettings { get; init; } = "from_anyone";

    /// <summary>At most this many outbound calls at once (Telnyx's <c>outbound.channel_limit</c>); null: no limit.</summary>
    public int? OutboundChannelLimit { get; init; }

    public string? OutboundVoiceProfileId { get; init; }
}

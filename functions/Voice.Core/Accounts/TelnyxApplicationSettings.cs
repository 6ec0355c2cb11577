namespace Voice.Core.Accounts;

/// <summary>What a Telnyx call-control application holds beyond the common URLs (compat-notes §A.4).</summary>
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
}

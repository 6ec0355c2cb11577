namespace Voice.Api.Analytics;

/// <summary>The per-tenant request limits of the analytics surface (specs/voice-analytics-recordings-api.md), per minute.</summary>
public sealed record AnalyticsLimit(string Name, int PerMinute)
{
    public static AnalyticsLimit Analytics { get; } = new("analytics", 60);

    public static AnalyticsLimit Recordings { get; } = new("recordings", 30);

    /// <summary>The seed says "standard conversation rate limits" without a number; Twilio's Conversations API allows 100 reads/s, we allow 120/min per tenant.</summary>
    public static AnalyticsLimit Conversations { get; } = new("conversations", 120);
}

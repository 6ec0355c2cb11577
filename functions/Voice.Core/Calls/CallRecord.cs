namespace Voice.Core.Calls;

/// <summary>A call leg as stored and as the API reports it.</summary>
public sealed record CallRecord
{
    public required string Id { get; init; }

    /// <summary>The owning account (tenant).</summary>
    public required string AccountId { get; init; }

    public required CallStatus Status { get; init; }

    public required CallDirection Direction { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>Call-flow webhook (NCCO-style action list).</summary>
    public string? Url { get; init; }

    public string? StatusCallback { get; init; }

    public int TimeoutSeconds { get; init; } = 30;

    public bool Record { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the call was answered.</summary>
    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Seconds between answer and end; set when the call ends.</summary>
    public int? Duration { get; init; }

    /// <summary>Set when an API client asked to end the call.</summary>
    public DateTimeOffset? EndRequestedAt { get; init; }

    /// <summary>Conference or parent call this leg belongs to, if any.</summary>
    public string? ParentCallId { get; init; }
}

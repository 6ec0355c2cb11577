using Voice.Core.Accounts;

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

    /// <summary>How <see cref="StatusCallback"/> is called when a dialect lets the caller choose (Vonage's event_method); null: POST.</summary>
    public string? StatusCallbackMethod { get; init; }

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

    /// <summary>The application that drives the call (Telnyx's connection), when known.</summary>
    public string? ApplicationId { get; init; }

    /// <summary>The dialect whose webhook envelope and signature the call's webhooks get.</summary>
    public ApplicationDialect Dialect { get; init; } = ApplicationDialect.Telefon;

    /// <summary>Which events go to <see cref="StatusCallback"/>.</summary>
    public CallReporting Reporting { get; init; } = CallReporting.StatusChanges;

    /// <summary>The client state the last command set (echoed in every later event); null when none.</summary>
    public string? ClientState { get; init; }

    /// <summary>The queue the call waits in, if any.</summary>
    public string? QueueName { get; init; }

    /// <summary>
    /// The media-node run the call lives on: every command for it goes there. Chosen when an outbound call is placed,
    /// the receiving node's for an inbound one, the parent's for a leg the call starts. Null only for rows older than it.
    /// </summary>
    public Voice.Media.Contracts.Nodes.MediaNodeAddress? Node { get; init; }
}

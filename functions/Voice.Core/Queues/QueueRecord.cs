using System.Collections.Immutable;

namespace Voice.Core.Queues;

/// <summary>
/// A call queue of an account: calls wait in it, oldest first, until a bridge with the queue takes the first one, they
/// leave, their wait runs out or they hang up. Queues are named per account; the calls in it travel with the record, so
/// every change (enqueue, take the first, leave) is one conditional write and positions never disagree.
/// </summary>
public sealed record QueueRecord
{
    /// <summary>Calls a queue may hold when nobody says otherwise (Telnyx's default).</summary>
    public const int DefaultMaxSize = 100;

    /// <summary>The most a queue may hold: the calls are stored with the record, and a string column holds 32K characters.</summary>
    public const int MaxSizeLimit = 500;

    /// <summary>Sortable id (<c>QU…</c>); the dialects show it in their own shape.</summary>
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public required string Name { get; init; }

    public int MaxSize { get; init; } = DefaultMaxSize;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The waiting calls, first in first out.</summary>
    public ImmutableList<QueueEntry> Entries { get; init; } = [];

    /// <summary>1-based position of the call, or 0 when it is not in the queue.</summary>
    public int PositionOf(string callId) => Entries.FindIndex(e => e.CallId == callId) + 1;

    /// <summary>Average seconds the calls in the queue have waited so far (0 when empty).</summary>
    public int AverageWaitSeconds(DateTimeOffset now) =>
        Entries.IsEmpty ? 0 : (int)Entries.Average(e => Math.Max(0, (now - e.EnqueuedAt).TotalSeconds));
}

/// <summary>A call waiting in a queue since <see cref="EnqueuedAt"/>.</summary>
public sealed record QueueEntry(string CallId, DateTimeOffset EnqueuedAt)
{
    public int WaitSeconds(DateTimeOffset now) => (int)Math.Max(0, (now - EnqueuedAt).TotalSeconds);
}

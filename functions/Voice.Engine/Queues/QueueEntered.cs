using Voice.Core.Queues;

namespace Voice.Engine.Queues;

/// <summary>A call's place after <see cref="QueueService.EnterAsync"/>.</summary>
public sealed record QueueEntered(QueueRecord Queue, int Position, DateTimeOffset EnqueuedAt)
{
    /// <summary>What the calls ahead had waited on average when it entered.</summary>
    public int AverageWaitSeconds { get; init; }
}

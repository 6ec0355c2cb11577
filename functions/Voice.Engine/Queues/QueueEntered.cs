using Voice.Core.Commands;
using Voice.Core.Queues;

namespace Voice.Engine.Queues;

/// <summary>A call's place after <see cref="QueueService.EnterAsync"/>.</summary>
public sealed record QueueEntered(QueueRecord Queue, int Position, DateTimeOffset EnqueuedAt)
{
    /// <summary>What the calls ahead had waited on average when it entered.</summary>
    public int AverageWaitSeconds { get; init; }

    /// <summary>The enqueue command as the call applies it: with its place in the queue.</summary>
    public EnqueueCall Fill(EnqueueCall enqueue) => enqueue with { Position = Position, AverageWaitSeconds = AverageWaitSeconds, EnqueuedAt = EnqueuedAt };
}

namespace Voice.Engine.Queues;

/// <summary>What <see cref="QueueService.DeleteAsync"/> did.</summary>
public enum QueueDeletion
{
    Deleted,
    NotFound,
    NotEmpty,
}

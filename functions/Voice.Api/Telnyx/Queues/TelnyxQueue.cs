using Voice.Core.Queues;

namespace Voice.Api.Telnyx;

/// <summary>A queue on Telnyx's wire (<c>record_type: queue</c>, compat-notes §A.4); <c>id</c> is a UUID.</summary>
public sealed record TelnyxQueue(
    string Id,
    string Name,
    int CurrentSize,
    int MaxSize,
    int AverageWaitTimeSecs,
    string CreatedAt,
    string UpdatedAt,
    string RecordType)
{
    public static TelnyxQueue Of(QueueRecord q, DateTimeOffset now) => new(
        TelnyxIds.Uuid(q.Id),
        q.Name,
        q.Entries.Count,
        q.MaxSize,
        q.AverageWaitSeconds(now),
        TelnyxConference.Time(q.CreatedAt),
        TelnyxConference.Time(q.UpdatedAt),
        "queue");
}

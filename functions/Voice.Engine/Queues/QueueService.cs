using Azure;
using Microsoft.Extensions.Logging;
using Voice.Core.Lifecycles;
using Voice.Core.Queues;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Engine.Queues;

/// <summary>
/// The engine's call queues, shared by every dialect: create, read, change and delete queues, and the three moves of a
/// call — enter at the end, leave, be taken as first in line by a bridge. Each move is one conditional write of the
/// queue's row (retried on a conflict), so two bridges never take the same call and positions never disagree. A call's
/// own lifecycle remembers its queue and reports call.enqueued/dequeued (see CallQueueing).
/// </summary>
public sealed class QueueService
{
    /// <summary>Queues an account may have; listing reads them all.</summary>
    public const int MaxQueuesPerAccount = 1000;

    private readonly QueueRepository queues;
    private readonly TimeProvider clock;
    private readonly ILogger<QueueService> logger;

    public QueueService(QueueRepository queues, TimeProvider clock, ILogger<QueueService> logger)
    {
        this.queues = queues;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>Creates the queue; null when the account has a queue with that name already.</summary>
    public async Task<QueueRecord?> CreateAsync(string accountId, string name, int maxSize, CancellationToken cancellationToken)
    {
        var queue = NewQueue(accountId, name, maxSize);
        try
        {
            await queues.Table.InsertAsync(queue, cancellationToken);
            logger.LogInformation("queue {QueueId} '{QueueName}' created in {AccountId}", queue.Id, name, accountId);
            return queue;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task<QueueRecord?> GetAsync(string accountId, string name, CancellationToken cancellationToken) =>
        (await queues.Table.GetAsync(accountId, QueueRepository.RowKey(name), cancellationToken))?.Value;

    /// <summary>Every queue of the account, newest first.</summary>
    public async Task<IReadOnlyList<QueueRecord>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var page = await queues.Table.ListAsync(accountId, new Dictionary<string, string>(), 1, MaxQueuesPerAccount, cancellationToken);
        return [.. page.Items.OrderByDescending(q => q.CreatedAt).ThenBy(q => q.Id, StringComparer.Ordinal)];
    }

    /// <summary>Changes the queue's size limit (the calls already in it stay); null when there is no such queue.</summary>
    public Task<QueueRecord?> UpdateAsync(string accountId, string name, int maxSize, CancellationToken cancellationToken) =>
        queues.Table.MutateAsync(
            accountId,
            QueueRepository.RowKey(name),
            q => q with { MaxSize = maxSize, UpdatedAt = clock.GetUtcNow() },
            cancellationToken);

    /// <summary>Deletes an empty queue; a queue with calls waiting stays (they would be stranded).</summary>
    public async Task<QueueDeletion> DeleteAsync(string accountId, string name, CancellationToken cancellationToken)
    {
        var stored = await queues.Table.GetAsync(accountId, QueueRepository.RowKey(name), cancellationToken);
        if (stored is null)
        {
            return QueueDeletion.NotFound;
        }

        if (!stored.Value.Entries.IsEmpty)
        {
            return QueueDeletion.NotEmpty;
        }

        try
        {
            await queues.Table.Client.DeleteEntityAsync(accountId, QueueRepository.RowKey(name), stored.ETag, cancellationToken);
            return QueueDeletion.Deleted;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // A call entered it meanwhile.
            return QueueDeletion.NotEmpty;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return QueueDeletion.Deleted;
        }
    }

    /// <summary>
    /// Puts the call at the end of the queue, creating the queue (with <paramref name="maxSize"/>, else the default) when
    /// the account has none of that name. A call already in it keeps its place (a repeated command). Null when full.
    /// </summary>
    public async Task<QueueEntered?> EnterAsync(string accountId, string name, string callId, int? maxSize, CancellationToken cancellationToken)
    {
        var rowKey = QueueRepository.RowKey(name);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // Whole milliseconds, as the row keeps them: the time answered now is the one read later.
            var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
            var stored = await queues.Table.GetAsync(accountId, rowKey, cancellationToken);
            var queue = stored?.Value ?? NewQueue(accountId, name, maxSize ?? QueueRecord.DefaultMaxSize);
            if (queue.PositionOf(callId) is > 0 and var position)
            {
                return new QueueEntered(queue, position, queue.Entries[position - 1].EnqueuedAt);
            }

            if (queue.Entries.Count >= queue.MaxSize)
            {
                return null;
            }

            var average = queue.AverageWaitSeconds(now);
            var entered = queue with { Entries = queue.Entries.Add(new QueueEntry(callId, now)), UpdatedAt = now };
            if (await WriteAsync(entered, stored, cancellationToken))
            {
                return new QueueEntered(entered, entered.Entries.Count, now) { AverageWaitSeconds = average };
            }
        }

        throw new InvalidOperationException($"queue '{name}' of {accountId}: too many concurrent changes");
    }

    /// <summary>Takes the call out of the queue; null when it was not there (it left, or a bridge took it, first).</summary>
    public Task<QueueLeft?> RemoveAsync(string accountId, string name, string callId, string reason, CancellationToken cancellationToken) =>
        TakeAsync(accountId, name, q => q.Entries.FindIndex(e => e.CallId == callId), reason, cancellationToken);

    /// <summary>Takes the first call in line (for a bridge with the queue); null when the queue is empty or missing.</summary>
    public async Task<(string CallId, QueueLeft Left)?> TakeFirstAsync(string accountId, string name, CancellationToken cancellationToken)
    {
        string? taken = null;
        var left = await TakeAsync(
            accountId,
            name,
            q =>
            {
                taken = q.Entries.IsEmpty ? null : q.Entries[0].CallId;
                return q.Entries.IsEmpty ? -1 : 0;
            },
            QueueDepartureReasons.Bridged,
            cancellationToken);
        return left is null || taken is null ? null : (taken, left);
    }

    private async Task<QueueLeft?> TakeAsync(
        string accountId, string name, Func<QueueRecord, int> pick, string reason, CancellationToken cancellationToken)
    {
        // The change runs again on a conflict, so what it took is set by the attempt that was written.
        QueueLeft? left = null;
        await queues.Table.MutateAsync(
            accountId,
            QueueRepository.RowKey(name),
            q =>
            {
                left = null;
                if (pick(q) is not (>= 0 and var index))
                {
                    return null;
                }

                var now = clock.GetUtcNow();
                left = new QueueLeft(name, index + 1, reason, q.Entries[index].WaitSeconds(now));
                return q with { Entries = q.Entries.RemoveAt(index), UpdatedAt = now };
            },
            cancellationToken);
        return left;
    }

    /// <summary>Inserts a new queue or replaces the stored one if unchanged; false when another writer came first.</summary>
    private async Task<bool> WriteAsync(QueueRecord queue, Stored<QueueRecord>? stored, CancellationToken cancellationToken)
    {
        if (stored is not null)
        {
            return await queues.Table.TryReplaceAsync(queue, stored.ETag, cancellationToken);
        }

        try
        {
            await queues.Table.InsertAsync(queue, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private QueueRecord NewQueue(string accountId, string name, int maxSize)
    {
        var now = clock.GetUtcNow();
        return new QueueRecord
        {
            Id = SortableIds.New(SortableIds.QueuePrefix, now),
            AccountId = accountId,
            Name = name,
            MaxSize = maxSize,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}

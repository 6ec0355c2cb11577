using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Voice.Events.Delivery;

/// <summary>
/// Serves one held lane when a worker takes it from the ready queue: reloads it when its partition changed, attempts
/// its head when due (then records the outcome: delete, retry, failover, dead-letter), poisons what cannot be handled,
/// and releases the lease once the lane is empty.
/// </summary>
internal sealed class LaneServer(
    DeliveryStore store,
    DeadLetterStore deadLetters,
    DeliveryRetryPolicy retryPolicy,
    EventDeliverySender sender,
    OwnedLanes lanes,
    string instanceId,
    int poisonAfterFailures,
    TimeProvider clock,
    ILogger logger)
{
    private static readonly TimeSpan HandlingRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Storage errors propagate; the caller tries the lane again shortly.</summary>
    public async Task ServeAsync(DeliveryLane lane, CancellationToken stoppingToken)
    {
        if (lane.Abandoned)
        {
            return;
        }

        if (!lanes.Usable(lane.Lease))
        {
            // Renewals failed for a while: stop before another instance may take over; the rows stay for whoever claims the lane.
            logger.LogWarning("Lease of lane {Lane} ran out before it could be renewed; leaving the lane", lane.Partition);
            lanes.Forget(lane);
            return;
        }

        if (lane.ReloadNeeded && !await ReloadAsync(lane, stoppingToken))
        {
            return;
        }

        var head = lanes.HeadOf(lane);
        if (head is null)
        {
            await ReleaseAsync(lane, stoppingToken);
            return;
        }

        var wait = head.NextAttemptAt - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            _ = lanes.RequeueAfterAsync(lane, wait, stoppingToken);
            return;
        }

        await AttemptAsync(lane, head, stoppingToken);
        lanes.Done(lane);
    }

    /// <summary>Reads the partition again; false when the lane turned out not to be this instance's any more.</summary>
    private async Task<bool> ReloadAsync(DeliveryLane lane, CancellationToken stoppingToken)
    {
        await lane.LeaseGate.WaitAsync(stoppingToken);
        try
        {
            var snapshot = await store.LoadLaneAsync(lane.Partition, stoppingToken);
            if (snapshot.Lease is not { } lease || lease.Owner != instanceId)
            {
                logger.LogInformation("Lane {Lane} is held by {Owner} now; leaving it", lane.Partition, snapshot.Lease?.Owner);
                lanes.Forget(lane);
                return false;
            }

            foreach (var (row, problem) in snapshot.Undecodable)
            {
                await PoisonAsync(row, "Undecodable: " + problem, stoppingToken);
            }

            lanes.Update(lane, l =>
            {
                l.Lease = lease;
                l.ReloadNeeded = false;
                l.ReplaceAll(snapshot.Deliveries);
            });
            return true;
        }
        finally
        {
            lane.LeaseGate.Release();
        }
    }

    private async Task ReleaseAsync(DeliveryLane lane, CancellationToken stoppingToken)
    {
        if (!lanes.TryStartRelease(lane))
        {
            lanes.Done(lane);
            return;
        }

        await lane.LeaseGate.WaitAsync(stoppingToken);
        try
        {
            // A renewal may have found the lease touched (and taken its new ETag) while this waited for the gate.
            if (!lane.ReloadNeeded && await store.ReleaseAsync(lane.Lease, stoppingToken))
            {
                lanes.Forget(lane);
                return;
            }

            // Touched since read: a publish elsewhere stored deliveries in this lane.
            lanes.Update(lane, l => l.ReloadNeeded = true);
        }
        finally
        {
            lane.LeaseGate.Release();
            lanes.EndRelease(lane);
        }

        lanes.Done(lane);
    }

    private async Task AttemptAsync(DeliveryLane lane, PendingDelivery head, CancellationToken stoppingToken)
    {
        DeliveryOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(head, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            await HandlingFailedAsync(lane, head, e, stoppingToken);
            return;
        }

        var now = clock.GetUtcNow();
        var attempted = head with
        {
            Attempts = head.Attempts + 1,
            LastStatusCode = outcome.StatusCode,
            LastOutcome = outcome.Description,
            LastAttemptAt = now,
        };
        if (outcome.Delivered)
        {
            await FinishAsync(lane, attempted, stoppingToken);
            return;
        }

        if (retryPolicy.FailsOver(attempted))
        {
            // Same lane, same place in it: the deliveries behind it wait, so the failover receives them in order.
            attempted = attempted with { OnFailover = true, NextAttemptAt = now };
            await RecordFailureAsync(lane, attempted, stoppingToken);
            logger.LogInformation("Delivery {DeliveryId} to {Endpoint} failed ({Outcome}); failing over to {Failover}", head.DeliveryId, head.Endpoint, outcome.Description, attempted.FailoverEndpoint);
            return;
        }

        var (retryAt, deadLetterReason) = retryPolicy.Decide(attempted, outcome, now);
        if (retryAt is { } at)
        {
            attempted = attempted with { NextAttemptAt = at };
            await RecordFailureAsync(lane, attempted, stoppingToken);
            logger.LogInformation("Delivery {DeliveryId} to {Endpoint} failed ({Outcome}); attempt {Attempt} at {RetryAt:O}", head.DeliveryId, head.Target, outcome.Description, attempted.Attempts + 1, at);
            return;
        }

        var blob = await deadLetters.WriteAsync(attempted, deadLetterReason!, stoppingToken);
        await FinishAsync(lane, attempted, stoppingToken);
        logger.LogWarning("Delivery {DeliveryId} to {Endpoint} dead-lettered ({Reason}, {Outcome}) as {Blob}", head.DeliveryId, head.Target, deadLetterReason, outcome.Description, blob);
    }

    /// <summary>
    /// The attempt threw (a dialect's format failed on this event, say): retried shortly, and after
    /// <c>poisonAfterFailures</c> such failures in a row moved to the poison table so the lane moves on.
    /// </summary>
    private async Task HandlingFailedAsync(DeliveryLane lane, PendingDelivery head, Exception e, CancellationToken stoppingToken)
    {
        var failures = 0;
        lanes.Update(lane, l => failures = ++l.HeadFailures);
        if (failures < poisonAfterFailures)
        {
            logger.LogWarning(e, "Delivery {DeliveryId} could not be attempted ({Failures} of {Max}); retrying", head.DeliveryId, failures, poisonAfterFailures);
            lanes.Update(lane, l => l.Replace(head with { NextAttemptAt = clock.GetUtcNow() + HandlingRetryDelay }));
            return;
        }

        await PoisonAsync(DeliveryEntities.ToEntity(head), $"Failed {failures} times: {e.GetType().Name}: {e.Message}", stoppingToken);
        lanes.Update(lane, l => l.Remove(head));
    }

    private async Task PoisonAsync(TableEntity row, string reason, CancellationToken stoppingToken)
    {
        await store.PoisonAsync(row, reason, clock.GetUtcNow(), stoppingToken);
        logger.LogError("Delivery row {Partition}/{Row} moved to table {Poison}: {Reason}", row.PartitionKey, row.RowKey, DeliveryStore.PoisonTableName, reason);
    }

    private async Task RecordFailureAsync(DeliveryLane lane, PendingDelivery attempted, CancellationToken stoppingToken)
    {
        if (await store.UpdateAsync(attempted, stoppingToken))
        {
            lanes.Update(lane, l => l.Replace(attempted));
            return;
        }

        // The row is gone: another instance took the lane over (this one's lease lapsed) and finished the delivery.
        logger.LogWarning("Delivery {DeliveryId} was finished elsewhere; leaving lane {Lane}", attempted.DeliveryId, lane.Partition);
        lanes.Forget(lane);
    }

    /// <summary>Deletes a delivered (or dead-lettered) row; with the lease in the same transaction when it was the lane's last.</summary>
    private async Task FinishAsync(DeliveryLane lane, PendingDelivery finished, CancellationToken stoppingToken)
    {
        if (lanes.TryStartRelease(lane, remaining: 1))
        {
            await lane.LeaseGate.WaitAsync(stoppingToken);
            try
            {
                // As in ReleaseAsync: a renewal that absorbed a touch leaves ReloadNeeded, and the lease must stay.
                if (!lane.ReloadNeeded && await store.DeleteAndReleaseAsync(finished, lane.Lease, stoppingToken))
                {
                    lanes.Update(lane, l => l.Remove(finished));
                    lanes.Forget(lane);
                    return;
                }

                lanes.Update(lane, l => l.ReloadNeeded = true);
            }
            finally
            {
                lane.LeaseGate.Release();
                lanes.EndRelease(lane);
            }
        }

        await store.DeleteAsync(finished, stoppingToken);
        lanes.Update(lane, l => l.Remove(finished));
    }
}

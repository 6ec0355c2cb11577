using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Voice.Events.Delivery;

/// <summary>
/// The Event Grid-like delivery engine. <see cref="AcceptAsync"/> persists deliveries in the
/// <c>webhookdeliveries</c> table before returning (so an accepted event is never lost), then workers deliver
/// them: lanes (target + subject) strictly in sequence order — a retrying delivery blocks later ones of its
/// lane while other lanes proceed — retrying per <see cref="DeliveryRetryPolicy"/> and dead-lettering to Blob
/// storage; a delivery with a failover endpoint moves there after its primary's failed attempts
/// (<see cref="DeliveryRetryPolicy.FailsOver"/>), keeping its place in its lane. On start it reloads every pending
/// delivery, so a restart loses nothing. Delivery is at-least-once:
/// a crash between a successful attempt and the row's deletion repeats the delivery (same delivery id).
/// </summary>
public sealed class EventDeliveryService(
    DeliveryStore store,
    DeadLetterStore deadLetters,
    DeliveryRetryPolicy retryPolicy,
    EventDeliverySender sender,
    TimeProvider clock,
    ILogger<EventDeliveryService> logger,
    int workers = 64) : BackgroundService
{
    private static readonly TimeSpan StorageRetryDelay = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, DeliveryLane> lanes = [];
    private readonly Channel<DeliveryLane> ready = Channel.CreateUnbounded<DeliveryLane>();

    /// <summary>Deliveries accepted and not yet delivered or dead-lettered.</summary>
    public int PendingCount
    {
        get
        {
            lock (gate)
            {
                return lanes.Values.Sum(l => l.Count);
            }
        }
    }

    /// <summary>
    /// Persists <paramref name="deliveries"/> and queues them. Throws when storing any of them failed; the ones
    /// stored are queued regardless, so a repeated publish (which finds them stored) loses nothing.
    /// </summary>
    public async Task AcceptAsync(IReadOnlyCollection<PendingDelivery> deliveries, CancellationToken cancellationToken)
    {
        var stores = deliveries.Select(d => (Delivery: d, Added: store.AddAsync(d, cancellationToken))).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => s.Added));
        }
        finally
        {
            // A delivery already stored is queued already: by the call that stored it, or by the startup reload.
            foreach (var (delivery, added) in stores)
            {
                if (added.IsCompletedSuccessfully && added.Result)
                {
                    Enqueue(delivery);
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadPendingAsync(stoppingToken);
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task LoadPendingAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var loaded = 0;
                await foreach (var delivery in store.LoadAllAsync(stoppingToken))
                {
                    Enqueue(delivery);
                    loaded++;
                }

                logger.LogInformation("Event delivery started with {Count} pending deliveries", loaded);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Loading pending deliveries failed; retrying");
                await Task.Delay(StorageRetryDelay, clock, stoppingToken);
            }
        }
    }

    private void Enqueue(PendingDelivery delivery)
    {
        lock (gate)
        {
            if (!lanes.TryGetValue(delivery.Lane, out var lane))
            {
                lane = new DeliveryLane(delivery.Lane);
                lanes.Add(lane.Key, lane);
            }

            lane.Add(delivery);
            ScheduleIfIdle(lane);
        }
    }

    private void ScheduleIfIdle(DeliveryLane lane)
    {
        if (!lane.Scheduled && lane.Count > 0)
        {
            lane.Scheduled = true;
            ready.Writer.TryWrite(lane);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var lane in ready.Reader.ReadAllAsync(stoppingToken))
            {
                PendingDelivery head;
                lock (gate)
                {
                    head = lane.Head!;
                }

                var wait = head.NextAttemptAt - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    _ = RequeueAfterAsync(lane, wait, stoppingToken);
                    continue;
                }

                await AttemptAsync(lane, head, stoppingToken);
                lock (gate)
                {
                    lane.Scheduled = false;
                    if (lane.Count == 0)
                    {
                        lanes.Remove(lane.Key);
                    }

                    ScheduleIfIdle(lane);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RequeueAfterAsync(DeliveryLane lane, TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, clock, stoppingToken);
            ready.Writer.TryWrite(lane);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AttemptAsync(DeliveryLane lane, PendingDelivery head, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await sender.SendAsync(head, stoppingToken);
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
                await store.DeleteAsync(attempted, stoppingToken);
                Complete(lane, head);
                return;
            }

            if (retryPolicy.FailsOver(attempted))
            {
                // Same lane, same place in it: the deliveries behind it wait, so the failover receives them in order.
                attempted = attempted with { OnFailover = true, NextAttemptAt = now };
                await store.UpdateAsync(attempted, stoppingToken);
                Replace(lane, attempted);
                logger.LogInformation("Delivery {DeliveryId} to {Endpoint} failed ({Outcome}); failing over to {Failover}", head.DeliveryId, head.Endpoint, outcome.Description, attempted.FailoverEndpoint);
                return;
            }

            var (retryAt, deadLetterReason) = retryPolicy.Decide(attempted, outcome, now);
            if (retryAt is { } at)
            {
                attempted = attempted with { NextAttemptAt = at };
                await store.UpdateAsync(attempted, stoppingToken);
                Replace(lane, attempted);
                logger.LogInformation("Delivery {DeliveryId} to {Endpoint} failed ({Outcome}); attempt {Attempt} at {RetryAt:O}", head.DeliveryId, head.Target, outcome.Description, attempted.Attempts + 1, at);
                return;
            }

            var blob = await deadLetters.WriteAsync(attempted, deadLetterReason!, stoppingToken);
            await store.DeleteAsync(attempted, stoppingToken);
            Complete(lane, head);
            logger.LogWarning("Delivery {DeliveryId} to {Endpoint} dead-lettered ({Reason}, {Outcome}) as {Blob}", head.DeliveryId, head.Target, deadLetterReason, outcome.Description, blob);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Storage trouble: keep the delivery where it is and try it again shortly.
            logger.LogWarning(e, "Delivery {DeliveryId} bookkeeping failed; retrying", head.DeliveryId);
            Replace(lane, head with { NextAttemptAt = clock.GetUtcNow() + StorageRetryDelay });
        }
    }

    private void Complete(DeliveryLane lane, PendingDelivery delivery)
    {
        lock (gate)
        {
            lane.Remove(delivery);
        }
    }

    private void Replace(DeliveryLane lane, PendingDelivery updated)
    {
        lock (gate)
        {
            lane.Replace(updated);
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Voice.Events.Webhooks;
using Voice.Testing;

namespace Voice.Events.Tests;

/// <summary>Two delivery instances on one storage account, one receiver: order, completeness, and duplicates only after a crash.</summary>
[Collection(AzuriteCollection.Name)]
public class MultiInstanceDeliveryTests(AzuriteFixture azurite)
{
    private const int Calls = 12;

    [Fact]
    public async Task Two_instances_deliver_every_event_once_in_call_order_when_each_call_publishes_through_both()
    {
        var log = new ArrivalLog();
        await using var receiver = await WebhookReceiver.StartAsync(log.ReplyAsync);
        await using var first = await EventsHost.StartAsync(azurite);
        await using var second = await EventsHost.StartAsync(azurite, keepPending: true);
        EventsHost[] instances = [first, second];
        var calls = Enumerable.Range(0, Calls).Select(_ => TestEvents.NewCallId()).ToArray();

        // Each call alternates instances event by event, as queue-triggered dispatchers on two hosts would see them.
        await Task.WhenAll(calls.Select(async (callId, c) =>
        {
            foreach (var voiceEvent in TestEvents.Lifecycle(callId, receiver.Url))
            {
                await instances[(c + (int)voiceEvent.Sequence) % 2].Publisher.PublishAsync([voiceEvent], default);
            }
        }));
        await receiver.WaitForAsync(r => r.Delivered.Count >= Calls * 5, "every event of every call");
        await EventsHost.StorageDrainedAsync(azurite);

        Assert.Equal(Calls * 5, receiver.Delivered.Count);
        Assert.Equal(Calls * 5, receiver.Delivered.Select(r => r.Header(WebhookHeaders.DeliveryId)).Distinct().Count());
        Assert.All(calls, callId => Assert.Equal([1L, 2, 3, 4, 5], SequencesOf(receiver, callId)));
    }

    [Fact]
    public async Task Lanes_of_a_crashed_instance_are_taken_over_in_order_and_repeat_only_deliveries_in_flight_at_the_crash()
    {
        var log = new ArrivalLog { Delay = TimeSpan.FromMilliseconds(60) };
        await using var receiver = await WebhookReceiver.StartAsync(log.ReplyAsync);
        var crashing = await EventsHost.StartAsync(azurite);
        await using var survivor = await EventsHost.StartAsync(azurite, keepPending: true);
        var calls = Enumerable.Range(0, Calls).Select(_ => TestEvents.NewCallId()).ToArray();

        // Events 1–4 of every call through the instance that crashes, so it holds every lane...
        await Task.WhenAll(calls.Select(callId => crashing.Publisher.PublishAsync([.. TestEvents.Lifecycle(callId, receiver.Url).Take(4)], default)));
        await receiver.WaitForAsync(r => r.Delivered.Count >= Calls, "some deliveries before the crash");
        await crashing.CrashAsync();
        var crashedAt = DateTimeOffset.UtcNow;

        // ... and `completed` through the survivor, which must hold it back until the crashed lanes' earlier events are through.
        await Task.WhenAll(calls.Select(callId => survivor.Publisher.PublishAsync([TestEvents.Lifecycle(callId, receiver.Url)[4]], default)));
        await Eventually.HoldsAsync(() => calls.All(c => SequencesOf(receiver, c).Distinct().Count() == 5), "every event of every call after the takeover");
        await EventsHost.StorageDrainedAsync(azurite);

        Assert.All(calls, callId =>
        {
            var sequences = SequencesOf(receiver, callId);
            Assert.Equal([1L, 2, 3, 4, 5], sequences.Distinct());
            Assert.Equal(sequences.Order(), sequences); // a repeat comes right after its first delivery, never after a later event
        });
        var repeats = log.Repeats();
        Assert.All(repeats, repeat => Assert.True(repeat.FirstAt < crashedAt && repeat.AgainAt > crashedAt, "a repeat is of a delivery in flight at the crash, delivered again after it"));
        Assert.True(repeats.Count <= Calls, $"at most one delivery per lane was in flight at the crash, got {repeats.Count} repeats");
    }

    private static List<long> SequencesOf(WebhookReceiver receiver, string callId) =>
        [.. receiver.Delivered.Where(r => r.Subject == "/calls/" + callId).Select(r => r.Sequence!.Value)];

    /// <summary>Answers 200 (after <see cref="Delay"/>) and remembers when each delivery id arrived.</summary>
    private sealed class ArrivalLog
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> arrivals = new();

        public TimeSpan Delay { get; init; }

        public async Task ReplyAsync(ReceivedRequest request, HttpResponse response)
        {
            arrivals.GetOrAdd(request.Header(WebhookHeaders.DeliveryId) ?? "", _ => new()).Enqueue(DateTimeOffset.UtcNow);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay); // a receiver that takes a while, so attempts are in flight when the instance crashes
            }

            response.StatusCode = 200;
        }

        public IReadOnlyList<(DateTimeOffset FirstAt, DateTimeOffset AgainAt)> Repeats() =>
            [.. arrivals.Values.Where(a => a.Count > 1).Select(a => (a.First(), a.Skip(1).First()))];
    }
}

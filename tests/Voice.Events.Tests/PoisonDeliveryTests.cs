using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Voice.Core.Accounts;
using Voice.Core.Events;
using Voice.Events.Delivery;
using Voice.Events.Webhooks;
using Voice.Testing;

namespace Voice.Events.Tests;

/// <summary>A row or delivery the engine cannot handle goes to the poison table; its lane and the others carry on.</summary>
[Collection(AzuriteCollection.Name)]
public class PoisonDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_undecodable_row_moves_to_the_poison_table_and_its_lane_and_other_lanes_carry_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite);
        var broken = TestEvents.NewCallId();
        var healthy = TestEvents.NewCallId();
        var partition = DeliveryEntities.PartitionKeyOf($"Webhook|{WebhookDispatcher.TargetName}|{receiver.Url}|/calls/{broken}");
        var deliveries = azurite.Tables.GetTableClient(DeliveryStore.TableName);

        // What a crashed instance might leave: its lease (expired) and, first in the lane, a row no engine wrote.
        await deliveries.AddEntityAsync(new TableEntity(partition, DeliveryEntities.LeaseRowKey) { ["Owner"] = "crashed", ["ExpiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await deliveries.AddEntityAsync(new TableEntity(partition, "00000000000000000001-garbage") { ["Kind"] = "Carrier pigeon", ["Event"] = "{" });
        await host.Publisher.PublishAsync([.. TestEvents.Lifecycle(broken, receiver.Url).Skip(1).Take(2)], default);
        await host.Publisher.PublishAsync([TestEvents.Call(healthy, 1, VoiceEventTypes.CallInitiated, receiver.Url)], default);

        await receiver.WaitForAsync(r => r.Delivered.Count == 3, "the broken lane's good events and the other call's");
        await EventsHost.StorageDrainedAsync(azurite);

        Assert.Equal([2L, 3], receiver.Delivered.Where(r => r.Subject == "/calls/" + broken).Select(r => r.Sequence!.Value));
        var poisoned = await PoisonRowAsync(partition, "00000000000000000001-garbage");
        Assert.StartsWith("Undecodable: Kind", poisoned.GetString("PoisonReason"));
        Assert.Equal("{", poisoned.GetString("Event"));
    }

    [Fact]
    public async Task A_delivery_whose_attempt_keeps_throwing_moves_to_the_poison_table_after_three_tries_and_later_events_follow()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite, services: services => services.AddSingleton<IWebhookFormat, ThrowingOnSequenceTwo>());
        var callId = TestEvents.NewCallId();

        await host.Publisher.PublishAsync([.. TestEvents.Lifecycle(callId, receiver.Url).Take(3).Select(e => e with { Dialect = ApplicationDialect.Vonage })], default);

        await receiver.WaitForAsync(r => r.Delivered.Count == 2, "the events around the one that cannot be rendered");
        await EventsHost.StorageDrainedAsync(azurite);
        Assert.Equal([1L, 3], receiver.Delivered.Select(r => r.Sequence!.Value));
        var poisoned = await Eventually.ReturnsAsync(
            async () => await azurite.Tables.GetTableClient(DeliveryStore.PoisonTableName).QueryAsync<TableEntity>(e => e.GetString("EventId") == callId + "-2").FirstOrDefaultAsync(),
            "the poisoned delivery");
        Assert.Equal("Failed 3 times: InvalidOperationException: cannot render this event", poisoned.GetString("PoisonReason"));
        Assert.Equal(3, ThrowingOnSequenceTwo.Thrown);
    }

    private Task<TableEntity> PoisonRowAsync(string partition, string rowKey) => Eventually.ReturnsAsync(
        async () =>
        {
            var row = await azurite.Tables.GetTableClient(DeliveryStore.PoisonTableName).GetEntityIfExistsAsync<TableEntity>(partition, rowKey);
            return row.HasValue ? row.Value : null;
        },
        "the poisoned row");

    /// <summary>A dialect format that fails on every event with sequence 2 (a bug in a projection, say).</summary>
    private sealed class ThrowingOnSequenceTwo(SignedWebhookRequests telefon) : IWebhookFormat
    {
        private static int thrown;

        public static int Thrown => Volatile.Read(ref thrown);

        public ApplicationDialect Dialect => ApplicationDialect.Vonage;

        public Task<HttpRequestMessage?> CreateAsync(PendingDelivery delivery, Uri endpoint, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (delivery.Sequence == 2)
            {
                Interlocked.Increment(ref thrown);
                throw new InvalidOperationException("cannot render this event");
            }

            return telefon.CreateAsync(delivery, endpoint, now, cancellationToken);
        }
    }
}

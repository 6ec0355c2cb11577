using Voice.Events.Webhooks;
using Voice.Testing;

namespace Voice.Events.Tests;

[Collection(AzuriteCollection.Name)]
public class RestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Deliveries_pending_when_the_service_stops_are_all_delivered_in_order_after_restart()
    {
        var port = FreePorts.Next(); // nothing listens yet: every attempt fails
        var url = $"http://127.0.0.1:{port}/hook";
        var first = TestEvents.NewCallId();
        var second = TestEvents.NewCallId();

        await using (var before = await EventsHost.StartAsync(azurite, new Dictionary<string, string?> { ["LocalEventGrid:MaxDeliveryAttempts"] = "30" }))
        {
            await before.Publisher.PublishAsync(TestEvents.Lifecycle(first, url), default);
            await before.Publisher.PublishAsync(TestEvents.Lifecycle(second, url), default);
            var table = azurite.Tables.GetTableClient("webhookdeliveries");
            await Eventually.HoldsAsync(() => table.Query<Azure.Data.Tables.TableEntity>().Count(e => e.GetInt32("Attempts") >= 1) == 2, "failed attempts of both calls recorded");
            Assert.Equal(10, before.Delivery.PendingCount);
        }

        await using var receiver = await WebhookReceiver.StartAsync(port: port);
        await using var after = await EventsHost.StartAsync(azurite, new Dictionary<string, string?> { ["LocalEventGrid:MaxDeliveryAttempts"] = "30" }, keepPending: true);
        await receiver.WaitForAsync(r => r.Delivered.Count == 10, "all ten events after the restart");
        await after.DrainedAsync();

        Assert.Equal([1L, 2, 3, 4, 5], receiver.Delivered.Where(r => r.Subject == "/calls/" + first).Select(r => r.Sequence!.Value));
        Assert.Equal([1L, 2, 3, 4, 5], receiver.Delivered.Where(r => r.Subject == "/calls/" + second).Select(r => r.Sequence!.Value));
        Assert.All(receiver.Delivered.Where(r => r.Sequence == 1), r => Assert.NotEqual("1", r.Header(WebhookHeaders.DeliveryAttempt)));
        Assert.Empty(azurite.Tables.GetTableClient("webhookdeliveries").Query<Azure.Data.Tables.TableEntity>());
    }

    [Fact]
    public async Task Publishing_an_event_again_while_it_is_pending_delivers_it_once()
    {
        var republished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await WebhookReceiver.StartAsync(async (_, response) =>
        {
            await republished.Task; // hold the first attempt until the repeat publish has returned
            response.StatusCode = 200;
        });
        await using var host = await EventsHost.StartAsync(azurite);
        var voiceEvent = TestEvents.Call(TestEvents.NewCallId(), 1, Core.Events.VoiceEventTypes.CallAnswered, receiver.Url);

        await host.Publisher.PublishAsync([voiceEvent], default);
        await host.Publisher.PublishAsync([voiceEvent], default);
        republished.SetResult();
        await receiver.WaitForAsync(r => r.Delivered.Count >= 1, "the event");
        await host.DrainedAsync();

        Assert.Single(receiver.Delivered);
    }

    [Fact]
    public async Task Publish_throws_when_storage_is_unreachable_so_the_caller_publishes_again()
    {
        var deadPort = FreePorts.Next();
        var unreachable = azurite.ConnectionString.Replace($":{azurite.TablePort}/", $":{deadPort}/", StringComparison.Ordinal);
        await using var host = await EventsHost.StartAsync(azurite, new Dictionary<string, string?> { ["VoiceStorage"] = unreachable });

        await Assert.ThrowsAnyAsync<Exception>(() => host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, Core.Events.VoiceEventTypes.CallAnswered, "http://127.0.0.1:9/hook")], default));
        Assert.Equal(0, host.Delivery.PendingCount);
    }
}

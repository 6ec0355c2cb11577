using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Voice.Core.Events;
using Voice.Events.CloudEvents;
using Voice.Events.Publishing;
using Voice.Events.Webhooks;
using Voice.Testing;

namespace Voice.Events.Tests;

[Collection(AzuriteCollection.Name)]
public class EventGridPublishingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task With_a_topic_endpoint_events_are_posted_to_it_as_a_cloud_events_batch()
    {
        // A stand-in for the Event Grid topic's data plane on loopback.
        await using var topic = await WebhookReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoiceStorage"] = azurite.ConnectionString,
            ["Webhooks:SigningKey"] = EventsHost.SigningKey,
            ["EventGrid:TopicEndpoint"] = $"http://127.0.0.1:{topic.Port}/api/events",
            ["EventGrid:TopicKey"] = "topic-key",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddVoiceEvents(configuration).BuildServiceProvider();
        var publisher = services.GetRequiredService<IVoiceEventPublisher>();
        var callId = TestEvents.NewCallId();

        Assert.IsType<EventGridVoiceEventPublisher>(publisher);
        await publisher.PublishAsync([.. TestEvents.Lifecycle(callId, "https://example.com/status").Take(2)], default);
        await topic.WaitForAsync(r => r.Delivered.Count == 1, "the batch");

        var request = topic.Delivered[0];
        Assert.StartsWith("application/cloudevents-batch+json", request.Header("Content-Type"));
        Assert.Equal("topic-key", request.Header("aeg-sas-key"));
        var batch = JsonNode.Parse(request.BodyText)!.AsArray();
        Assert.Equal([VoiceEventTypes.CallInitiated, VoiceEventTypes.CallRinging], batch.Select(e => (string?)e!["type"]));
        Assert.All(batch, e =>
        {
            Assert.Equal("1.0", (string?)e!["specversion"]);
            Assert.Equal("/accounts/" + TestEvents.AccountId, (string?)e["source"]);
            Assert.Equal("/calls/" + callId, (string?)e["subject"]);
            Assert.Equal("https://example.com/status", (string?)e["webhookurl"]);
        });
    }

    [Fact]
    public async Task Dispatcher_delivers_an_event_from_the_topic_stream_to_its_call_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite);
        var dispatcher = host.Services.GetRequiredService<WebhookDispatcher>();
        var voiceEvent = TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallRecordingSaved, receiver.Url);
        var fromTopic = VoiceCloudEvents.ParseJson(System.Text.Encoding.UTF8.GetString(VoiceCloudEvents.ToJsonBytes(VoiceCloudEvents.ToCloudEvent(voiceEvent))))!;

        Assert.True(await dispatcher.DispatchAsync(fromTopic, default));
        await receiver.WaitForAsync(r => r.Delivered.Count == 1, "the webhook");

        var secret = WebhookSigningSecrets.ForAccount(EventsHost.SigningKey, TestEvents.AccountId);
        Assert.Equal(WebhookSignatureResult.Valid, WebhookSignature.Verify(receiver.Delivered[0].Header(WebhookHeaders.Signature), secret, receiver.Delivered[0].Body, DateTimeOffset.UtcNow));
        Assert.Equal(voiceEvent.Id, receiver.Delivered[0].Event!.Id);
    }

    [Fact]
    public async Task Dispatcher_ignores_events_without_a_webhook_url()
    {
        await using var host = await EventsHost.StartAsync(azurite);
        var dispatcher = host.Services.GetRequiredService<WebhookDispatcher>();
        var cloudEvent = VoiceCloudEvents.ToCloudEvent(TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallRinging, webhookUrl: null));

        Assert.False(await dispatcher.DispatchAsync(cloudEvent, default));
        Assert.Equal(0, host.Delivery.PendingCount);
    }
}

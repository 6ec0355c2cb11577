using Microsoft.AspNetCore.Http;
using Voice.Core.Events;
using Voice.Events.Subscriptions;
using Voice.Testing;

namespace Voice.Events.Tests;

[Collection(AzuriteCollection.Name)]
public class LocalSubscriptionTests(AzuriteFixture azurite)
{
    private static Dictionary<string, string?> Subscription(int index, string name, string endpoint, params string[] types)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"LocalEventGrid:Subscriptions:{index}:Name"] = name,
            [$"LocalEventGrid:Subscriptions:{index}:Endpoint"] = endpoint,
        };
        for (var i = 0; i < types.Length; i++)
        {
            settings[$"LocalEventGrid:Subscriptions:{index}:IncludedEventTypes:{i}"] = types[i];
        }

        return settings;
    }

    [Fact]
    public async Task Subscription_is_validated_with_the_webhook_handshake_before_it_gets_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite, Subscription(0, "audit", receiver.Url));

        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallInitiated, webhookUrl: null)], default);
        await receiver.WaitForAsync(r => r.Delivered.Count == 1, "the event");

        var handshake = receiver.Requests[0];
        Assert.Equal("OPTIONS", handshake.Method);
        Assert.Equal(WebhookValidationHandshake.Origin, handshake.Header("WebHook-Request-Origin"));
        Assert.NotNull(handshake.Header("WebHook-Request-Rate"));
    }

    [Fact]
    public async Task Subscription_gets_cloud_events_in_structured_mode_with_event_grid_headers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite, Subscription(0, "audit", receiver.Url));
        var callId = TestEvents.NewCallId();

        await host.Publisher.PublishAsync([TestEvents.Call(callId, 1, VoiceEventTypes.CallInitiated, webhookUrl: null)], default);
        await receiver.WaitForAsync(r => r.Delivered.Count == 1, "the event");

        var delivery = receiver.Delivered[0];
        Assert.StartsWith("application/cloudevents+json", delivery.Header("Content-Type"));
        Assert.Equal("AUDIT", delivery.Header("aeg-subscription-name"));
        Assert.Equal("0", delivery.Header("aeg-delivery-count"));
        Assert.Equal("Notification", delivery.Header("aeg-event-type"));
        Assert.Equal(VoiceEventTypes.CallInitiated, delivery.Event!.Type);
        Assert.Equal("/accounts/" + TestEvents.AccountId, delivery.Event.Source);
        Assert.Equal("/calls/" + callId, delivery.Event.Subject);
    }

    [Fact]
    public async Task Endpoint_that_does_not_allow_the_origin_fails_validation_and_gets_nothing()
    {
        await using var refusing = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = 200; // answers, but without WebHook-Allowed-Origin
            return Task.CompletedTask;
        });
        await using var accepting = await WebhookReceiver.StartAsync();
        var settings = Subscription(0, "refusing", refusing.Url);
        foreach (var (key, value) in Subscription(1, "accepting", accepting.Url))
        {
            settings[key] = value;
        }

        await using var host = await EventsHost.StartAsync(azurite, settings);
        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallInitiated, webhookUrl: null)], default);
        await accepting.WaitForAsync(r => r.Delivered.Count == 1, "the accepting subscription's event");
        await host.DrainedAsync();

        Assert.Equal(["OPTIONS"], refusing.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Wildcard_allowed_origin_passes_validation()
    {
        await using var receiver = await WebhookReceiver.StartAsync((request, response) =>
        {
            if (HttpMethods.IsOptions(request.Method))
            {
                response.Headers["WebHook-Allowed-Origin"] = "*";
            }

            response.StatusCode = 200;
            return Task.CompletedTask;
        });
        await using var host = await EventsHost.StartAsync(azurite, Subscription(0, "any", receiver.Url));

        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallRinging, webhookUrl: null)], default);

        await receiver.WaitForAsync(r => r.Delivered.Count == 1, "the event");
    }

    [Fact]
    public async Task Subscription_gets_only_its_included_event_types()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite, Subscription(0, "ends", receiver.Url, VoiceEventTypes.CallCompleted));
        var callId = TestEvents.NewCallId();

        await host.Publisher.PublishAsync(TestEvents.Lifecycle(callId, webhookUrl: null), default);
        await receiver.WaitForAsync(r => r.Delivered.Count == 1, "the completed event");
        await host.DrainedAsync();

        Assert.Equal([VoiceEventTypes.CallCompleted], receiver.Delivered.Select(r => r.Event!.Type));
    }

    [Fact]
    public async Task Per_call_webhook_and_subscription_both_get_the_event()
    {
        await using var subscriber = await WebhookReceiver.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite, Subscription(0, "all", subscriber.Url));

        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, webhook.Url)], default);

        await subscriber.WaitForAsync(r => r.Delivered.Count == 1, "subscription delivery");
        await webhook.WaitForAsync(r => r.Delivered.Count == 1, "webhook delivery");
    }
}

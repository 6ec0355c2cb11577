using Microsoft.Extensions.DependencyInjection;
using Voice.Core.Events;
using Voice.Events.Webhooks;
using Voice.Testing;

namespace Voice.Events.Tests;

[Collection(AzuriteCollection.Name)]
public class SsrfGuardTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> ProductionMode = new() { ["Webhooks:AllowPrivateTargets"] = "false" };

    [Fact]
    public async Task Webhook_to_loopback_is_not_sent_and_is_dead_lettered_as_refused()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite, ProductionMode);
        var voiceEvent = TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, receiver.Url);

        await host.Publisher.PublishAsync([voiceEvent], default);
        var record = await host.DeadLetterAsync(voiceEvent.Id);

        Assert.Empty(receiver.Requests);
        Assert.Equal("NonRetriableFailure", (string?)record["deadLetterReason"]);
        Assert.StartsWith("Target refused", (string?)record["lastDeliveryOutcome"]);
    }

    [Fact]
    public async Task Account_allowed_private_targets_gets_its_loopback_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite, ProductionMode, s => s.AddSingleton<IWebhookAccountPolicy>(new AllowingPolicy(TestEvents.AccountId)));

        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, receiver.Url)], default);

        await receiver.WaitForAsync(r => r.Delivered.Count == 1, "the allowed account's webhook");
    }

    [Fact]
    public async Task Local_subscription_on_loopback_is_refused_without_dev_mode()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>(ProductionMode)
        {
            ["LocalEventGrid:Subscriptions:0:Name"] = "internal",
            ["LocalEventGrid:Subscriptions:0:Endpoint"] = receiver.Url,
        };
        await using var host = await EventsHost.StartAsync(azurite, settings);

        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, webhookUrl: null)], default);

        Assert.Equal(0, host.Delivery.PendingCount);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var target = await WebhookReceiver.StartAsync();
        await using var redirecting = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = 307;
            response.Headers.Location = target.Url;
            return Task.CompletedTask;
        });
        await using var host = await EventsHost.StartAsync(azurite, new Dictionary<string, string?> { ["LocalEventGrid:MaxDeliveryAttempts"] = "2" });
        var voiceEvent = TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, redirecting.Url);

        await host.Publisher.PublishAsync([voiceEvent], default);
        var record = await host.DeadLetterAsync(voiceEvent.Id);

        Assert.Equal(307, (int?)record["lastHttpStatusCode"]);
        Assert.Equal(2, redirecting.Requests.Count);
        Assert.Empty(target.Requests);
    }

    private sealed class AllowingPolicy(string accountId) : IWebhookAccountPolicy
    {
        public ValueTask<bool> AllowsPrivateTargetsAsync(string account, CancellationToken cancellationToken) => ValueTask.FromResult(account == accountId);
    }
}

using System.Diagnostics;
using Voice.Core.Events;
using Voice.Events.Webhooks;
using Voice.Testing;

namespace Voice.Events.Tests;

/// <summary>
/// A webhook whose primary URL does not take it goes to its failover URL (Telnyx's webhook_event_failover_url),
/// signed the same way, in the call's order, and nothing is lost. The settings are static on the test format, so the
/// tests of this class run one at a time (one collection).
/// </summary>
[Collection(AzuriteCollection.Name)]
public class WebhookFailoverTests(AzuriteFixture azurite)
{
    private static readonly string AccountSecret = WebhookSigningSecrets.ForAccount(EventsHost.SigningKey, TestEvents.AccountId);

    [Fact]
    public async Task Webhooks_the_primary_answers_500_reach_the_failover_in_order_and_signed()
    {
        await using var primary = await WebhookReceiver.StartAsync(Answer(500));
        await using var failover = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(failover.Url);
        var callId = TestEvents.NewCallId();

        await host.Publisher.PublishAsync([.. TestEvents.Lifecycle(callId, primary.Url).Select(FailoverTargets.Event)], default);
        await failover.WaitForAsync(r => r.Delivered.Count == 5, "all five events at the failover");
        await host.DrainedAsync();

        Assert.Equal([1L, 2, 3, 4, 5], failover.Delivered.Select(r => r.Sequence!.Value));
        Assert.All(failover.Delivered, r => Assert.Equal("/calls/" + callId, r.Subject));
        Assert.All(failover.Delivered, r => Assert.Equal(
            WebhookSignatureResult.Valid, WebhookSignature.Verify(r.Header(WebhookHeaders.Signature), AccountSecret, r.Body, DateTimeOffset.UtcNow)));

        // Each event was tried at the primary once (one attempt before failover, the default), then sent on.
        Assert.Equal([1L, 2, 3, 4, 5], primary.Requests.Select(r => r.Sequence!.Value));
        Assert.All(failover.Delivered, r => Assert.Equal("2", r.Header(WebhookHeaders.DeliveryAttempt)));
    }

    [Fact]
    public async Task The_primary_is_retried_before_the_failover_when_configured()
    {
        await using var primary = await WebhookReceiver.StartAsync(Answer(503));
        await using var failover = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(failover.Url, new Dictionary<string, string?> { ["LocalEventGrid:FailoverAfterAttempts"] = "2" });

        await host.Publisher.PublishAsync([FailoverTargets.Event(TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, primary.Url))], default);
        await failover.WaitForAsync(r => r.Delivered.Count == 1, "the event at the failover");
        await host.DrainedAsync();

        Assert.Equal(["1", "2"], primary.Requests.Select(r => r.Header(WebhookHeaders.DeliveryAttempt)));
        Assert.Equal("3", failover.Delivered[0].Header(WebhookHeaders.DeliveryAttempt));
        Assert.Single(primary.Requests.Concat(failover.Requests).Select(r => r.Header(WebhookHeaders.DeliveryId)).Distinct());
    }

    [Fact]
    public async Task A_primary_that_refuses_with_400_still_fails_over()
    {
        await using var primary = await WebhookReceiver.StartAsync(Answer(400));
        await using var failover = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(failover.Url);

        await host.Publisher.PublishAsync([FailoverTargets.Event(TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, primary.Url))], default);
        await failover.WaitForAsync(r => r.Delivered.Count == 1, "the event at the failover");
        await host.DrainedAsync();

        Assert.Single(primary.Requests);
    }

    [Fact]
    public async Task A_failover_that_also_fails_is_retried_there_and_dead_lettered_naming_it()
    {
        await using var primary = await WebhookReceiver.StartAsync(Answer(500));
        await using var failover = await WebhookReceiver.StartAsync(Answer(502));
        await using var host = await StartAsync(failover.Url, new Dictionary<string, string?> { ["LocalEventGrid:MaxDeliveryAttempts"] = "3" });
        var voiceEvent = FailoverTargets.Event(TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, primary.Url));

        await host.Publisher.PublishAsync([voiceEvent], default);
        var record = await host.DeadLetterAsync(voiceEvent.Id);

        Assert.Single(primary.Requests);
        Assert.Equal(2, failover.Requests.Count);
        Assert.Equal("MaxDeliveryAttemptsExceeded", (string?)record["deadLetterReason"]);
        Assert.Equal(primary.Url, (string?)record["endpoint"]);
        Assert.Equal(failover.Url, (string?)record["failoverEndpoint"]);
        Assert.Equal(502, (int?)record["lastHttpStatusCode"]);
    }

    [Fact]
    public async Task A_delivered_primary_never_touches_the_failover()
    {
        await using var primary = await WebhookReceiver.StartAsync();
        await using var failover = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(failover.Url);

        await host.Publisher.PublishAsync([.. TestEvents.Lifecycle(TestEvents.NewCallId(), primary.Url).Select(FailoverTargets.Event)], default);
        await primary.WaitForAsync(r => r.Delivered.Count == 5, "all five events at the primary");
        await host.DrainedAsync();

        Assert.Empty(failover.Requests);
    }

    [Fact]
    public async Task The_targets_attempt_timeout_replaces_the_engines()
    {
        var slow = new TaskCompletionSource();
        await using var primary = await WebhookReceiver.StartAsync(async (_, response) =>
        {
            // Holds the answer until the test ends: only the attempt timeout moves the delivery on.
            await slow.Task;
            response.StatusCode = 200;
        });
        await using var failover = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(failover.Url, new Dictionary<string, string?> { ["LocalEventGrid:AttemptTimeoutSeconds"] = "60" }, timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();

        try
        {
            await host.Publisher.PublishAsync([FailoverTargets.Event(TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, primary.Url))], default);
            await failover.WaitForAsync(r => r.Delivered.Count == 1, "the event at the failover after the primary's 1 s timeout");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"failed over after {clock.Elapsed}, not after the 1 s timeout");
        }
        finally
        {
            slow.TrySetResult();
        }
    }

    [Fact]
    public async Task Settings_that_cannot_be_read_leave_the_event_to_the_primary_alone()
    {
        await using var primary = await WebhookReceiver.StartAsync();
        await using var failover = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(failover.Url);
        FailoverTargets.Broken = true;

        try
        {
            await host.Publisher.PublishAsync([FailoverTargets.Event(TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, primary.Url))], default);
            await primary.WaitForAsync(r => r.Delivered.Count == 1, "the event at the primary");
        }
        finally
        {
            FailoverTargets.Broken = false;
        }

        Assert.Empty(failover.Requests);
    }

    private static Func<ReceivedRequest, Microsoft.AspNetCore.Http.HttpResponse, Task> Answer(int status) => (_, response) =>
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    };

    private Task<EventsHost> StartAsync(string failoverUrl, IDictionary<string, string?>? settings = null, int? timeoutSeconds = null)
    {
        FailoverTargets.FailoverUrl = failoverUrl;
        FailoverTargets.TimeoutSeconds = timeoutSeconds;
        FailoverTargets.Broken = false;
        return EventsHost.StartAsync(azurite, settings, FailoverTargets.Register);
    }
}

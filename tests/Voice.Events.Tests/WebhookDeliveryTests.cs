using Voice.Core.Events;
using Voice.Events.Webhooks;
using Voice.Testing;

namespace Voice.Events.Tests;

[Collection(AzuriteCollection.Name)]
public class WebhookDeliveryTests(AzuriteFixture azurite)
{
    private static readonly string AccountSecret = WebhookSigningSecrets.ForAccount(EventsHost.SigningKey, TestEvents.AccountId);

    [Fact]
    public async Task Per_call_webhook_is_signed_with_the_account_secret_and_carries_delivery_headers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite);
        var callId = TestEvents.NewCallId();

        await host.Publisher.PublishAsync([TestEvents.Call(callId, 1, VoiceEventTypes.CallAnswered, receiver.Url)], default);
        await receiver.WaitForAsync(r => r.Delivered.Count == 1, "one webhook");

        var request = receiver.Delivered[0];
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal(VoiceEventTypes.CallAnswered, request.Header(WebhookHeaders.EventType));
        Assert.Equal("1", request.Header(WebhookHeaders.DeliveryAttempt));
        Assert.False(string.IsNullOrEmpty(request.Header(WebhookHeaders.DeliveryId)));
        Assert.Equal(WebhookSignatureResult.Valid, WebhookSignature.Verify(request.Header(WebhookHeaders.Signature), AccountSecret, request.Body, DateTimeOffset.UtcNow));
        Assert.Equal("/calls/" + callId, request.Subject);
        Assert.Equal(callId, (string?)System.Text.Json.Nodes.JsonNode.Parse(request.Event!.Data!)!["id"]);
    }

    [Fact]
    public async Task Webhook_answered_with_500_is_retried_with_the_same_delivery_id_until_accepted()
    {
        var calls = 0;
        await using var receiver = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = Interlocked.Increment(ref calls) <= 2 ? 500 : 200;
            return Task.CompletedTask;
        });
        await using var host = await EventsHost.StartAsync(azurite);

        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallRinging, receiver.Url)], default);
        await receiver.WaitForAsync(r => r.Delivered.Count == 1, "delivery after two failures");

        var attempts = receiver.Requests;
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(a => a.Header(WebhookHeaders.DeliveryId)).Distinct());
        Assert.Equal(["1", "2", "3"], attempts.Select(a => a.Header(WebhookHeaders.DeliveryAttempt)));
        Assert.All(attempts, a => Assert.Equal(WebhookSignatureResult.Valid, WebhookSignature.Verify(a.Header(WebhookHeaders.Signature), AccountSecret, a.Body, DateTimeOffset.UtcNow)));
        await host.DrainedAsync();
    }

    [Fact]
    public async Task Webhook_that_times_out_is_retried()
    {
        var calls = 0;
        await using var receiver = await WebhookReceiver.StartAsync(async (_, response) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
            }

            response.StatusCode = 200;
        });
        await using var host = await EventsHost.StartAsync(azurite, new Dictionary<string, string?> { ["LocalEventGrid:AttemptTimeoutSeconds"] = "0.3" });

        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallRinging, receiver.Url)], default);
        await receiver.WaitForAsync(r => r.Requests.Count(q => q.Header(WebhookHeaders.DeliveryAttempt) == "2") == 1, "second attempt after the timeout");
        await host.DrainedAsync();

        Assert.Equal(1, receiver.Requests.Count(q => q.Header(WebhookHeaders.DeliveryAttempt) == "2"));
    }

    [Fact]
    public async Task Webhook_answered_with_400_is_not_retried_and_is_dead_lettered()
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = 400;
            return Task.CompletedTask;
        });
        await using var host = await EventsHost.StartAsync(azurite);
        var voiceEvent = TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, receiver.Url);

        await host.Publisher.PublishAsync([voiceEvent], default);
        var record = await host.DeadLetterAsync(voiceEvent.Id);

        Assert.Single(receiver.Requests);
        Assert.Equal("NonRetriableFailure", (string?)record["deadLetterReason"]);
        Assert.Equal(400, (int?)record["lastHttpStatusCode"]);
        Assert.Equal(1, (int?)record["deliveryAttempts"]);
    }

    [Fact]
    public async Task Webhook_failing_every_attempt_is_dead_lettered_with_event_status_attempts_and_reason()
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var host = await EventsHost.StartAsync(azurite, new Dictionary<string, string?> { ["LocalEventGrid:MaxDeliveryAttempts"] = "3" });
        var voiceEvent = TestEvents.Call(TestEvents.NewCallId(), 7, VoiceEventTypes.CallCompleted, receiver.Url);

        await host.Publisher.PublishAsync([voiceEvent], default);
        var record = await host.DeadLetterAsync(voiceEvent.Id);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal("MaxDeliveryAttemptsExceeded", (string?)record["deadLetterReason"]);
        Assert.Equal(3, (int?)record["deliveryAttempts"]);
        Assert.Equal(503, (int?)record["lastHttpStatusCode"]);
        Assert.Equal("HTTP 503", (string?)record["lastDeliveryOutcome"]);
        Assert.Equal(receiver.Url, (string?)record["endpoint"]);
        Assert.Equal(receiver.Requests[0].Header(WebhookHeaders.DeliveryId), (string?)record["deliveryId"]);
        Assert.Equal(VoiceEventTypes.CallCompleted, (string?)record["event"]!["type"]);
        Assert.Equal("00000000000000000007", (string?)record["event"]!["sequence"]);
        Assert.NotNull(record["publishTime"]);
        Assert.NotNull(record["lastDeliveryAttemptTime"]);
        await host.DrainedAsync();
    }

    [Fact]
    public async Task A_retrying_event_holds_back_later_events_of_its_call_while_other_calls_proceed()
    {
        var slowCall = TestEvents.NewCallId();
        var otherCall = TestEvents.NewCallId();
        WebhookReceiver? self = null;

        // The slow call's "answered" fails until every event of the other call has arrived; the other call is
        // published only once that failure happened. Were it blocked behind the retrying event, it would never
        // arrive, "answered" would never succeed and the test would time out.
        await using var receiver = await WebhookReceiver.StartAsync((request, response) =>
        {
            var otherDone = self!.Delivered.Where(r => r.Subject == "/calls/" + otherCall).Select(r => r.Sequence).Distinct().Count() == 5;
            response.StatusCode = request.Subject == "/calls/" + slowCall && request.Sequence == 3 && !otherDone ? 500 : 200;
            return Task.CompletedTask;
        });
        self = receiver;
        await using var host = await EventsHost.StartAsync(azurite, new Dictionary<string, string?> { ["LocalEventGrid:MaxDeliveryAttempts"] = "30" });

        await host.Publisher.PublishAsync(TestEvents.Lifecycle(slowCall, receiver.Url), default);
        await receiver.WaitForAsync(r => r.Requests.Any(q => q.Subject == "/calls/" + slowCall && q.Status == 500), "answered failing");
        await host.Publisher.PublishAsync(TestEvents.Lifecycle(otherCall, receiver.Url), default);
        // At least once: a repeat of an event already delivered is allowed (receivers drop it by id), never a gap or
        // an event overtaking an earlier one. So the order that counts is that of first deliveries.
        IEnumerable<long> FirstDeliveries(string callId) =>
            receiver.Delivered.Where(r => r.Subject == "/calls/" + callId).Select(r => r.Sequence!.Value).Distinct();
        await receiver.WaitForAsync(_ => FirstDeliveries(slowCall).Count() == 5 && FirstDeliveries(otherCall).Count() == 5, "both calls delivered");

        Assert.Equal([1L, 2, 3, 4, 5], FirstDeliveries(slowCall));
        Assert.Equal([1L, 2, 3, 4, 5], FirstDeliveries(otherCall));
        var slow = receiver.Requests.Where(r => r.Subject == "/calls/" + slowCall).ToList();
        var answeredAt = slow.FindIndex(r => r.Sequence == 3 && r.Status == 200);
        Assert.All(slow.Where(r => r.Sequence > 3), r => Assert.True(slow.IndexOf(r) > answeredAt, "sent before answered was delivered"));
    }
}

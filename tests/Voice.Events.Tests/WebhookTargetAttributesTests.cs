using Voice.Core.Events;
using Voice.Events.CloudEvents;
using Voice.Events.Delivery;
using Voice.Events.Webhooks;

namespace Voice.Events.Tests;

/// <summary>The failover URL and attempt timeout travel on the CloudEvent (through Event Grid) into the delivery.</summary>
public class WebhookTargetAttributesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_dispatchers_delivery_carries_the_events_failover_url_and_timeout_after_a_json_round_trip()
    {
        var cloudEvent = VoiceCloudEvents.WithWebhookTarget(
            VoiceCloudEvents.ToCloudEvent(TestEvents.Call("CA1", 3, VoiceEventTypes.CallAnswered, "https://primary.example/hook")), "https://failover.example/hook", 7);
        var received = VoiceCloudEvents.ParseJson(System.Text.Encoding.UTF8.GetString(VoiceCloudEvents.ToJsonBytes(cloudEvent)))!;

        var delivery = WebhookDispatcher.DeliveryFor(received, Now)!;

        Assert.Equal("https://primary.example/hook", delivery.Endpoint);
        Assert.Equal("https://failover.example/hook", delivery.FailoverEndpoint);
        Assert.Equal(7, delivery.AttemptTimeoutSeconds);
        Assert.False(delivery.OnFailover);
        Assert.Equal("https://primary.example/hook", delivery.Target);
        Assert.Equal("https://failover.example/hook", (delivery with { OnFailover = true }).Target);
    }

    [Fact]
    public void An_event_without_the_attributes_has_no_failover_and_the_default_timeout()
    {
        var delivery = WebhookDispatcher.DeliveryFor(VoiceCloudEvents.ToCloudEvent(TestEvents.Call("CA1", 1, VoiceEventTypes.CallAnswered, "https://primary.example/hook")), Now)!;

        Assert.Null(delivery.FailoverEndpoint);
        Assert.Null(delivery.AttemptTimeoutSeconds);
    }

    [Fact]
    public void A_failover_url_equal_to_the_primary_is_no_failover()
    {
        var cloudEvent = VoiceCloudEvents.WithWebhookTarget(
            VoiceCloudEvents.ToCloudEvent(TestEvents.Call("CA1", 1, VoiceEventTypes.CallAnswered, "https://primary.example/hook")), "https://primary.example/hook", null);

        Assert.Null(WebhookDispatcher.DeliveryFor(cloudEvent, Now)!.FailoverEndpoint);
    }

    [Fact]
    public void The_policy_fails_over_once_the_primary_has_failed_the_configured_attempts()
    {
        var policy = new DeliveryRetryPolicy(1, 30, TimeSpan.FromDays(1), failoverAfterAttempts: 2);
        var delivery = WebhookDispatcher.DeliveryFor(
            VoiceCloudEvents.WithWebhookTarget(VoiceCloudEvents.ToCloudEvent(TestEvents.Call("CA1", 1, VoiceEventTypes.CallAnswered, "https://p.example/")), "https://f.example/", null),
            Now)!;

        Assert.False(policy.FailsOver(delivery with { Attempts = 1 }));
        Assert.True(policy.FailsOver(delivery with { Attempts = 2 }));
        Assert.False(policy.FailsOver(delivery with { Attempts = 2, OnFailover = true }));
        Assert.False(policy.FailsOver(delivery with { Attempts = 2, FailoverEndpoint = null }));
    }
}

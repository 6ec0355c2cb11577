using Voice.Events.Delivery;

namespace Voice.Events.Tests;

public class DeliveryRetryPolicyTests
{
    private static readonly DateTimeOffset Accepted = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static PendingDelivery AfterAttempts(int attempts) => new()
    {
        DeliveryId = "d1",
        Kind = DeliveryKind.Webhook,
        TargetName = "webhook",
        Endpoint = "https://example.com/hook",
        AccountId = "AC1",
        Subject = "/calls/c1",
        Sequence = 1,
        EventId = "e1",
        EventType = "telefon.voice.call.answered",
        EventJson = "{}",
        AcceptedAt = Accepted,
        Attempts = attempts,
    };

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(4, 300)]
    [InlineData(5, 600)]
    [InlineData(6, 1800)]
    [InlineData(7, 3600)]
    [InlineData(8, 3600)]
    [InlineData(20, 3600)]
    public void Retries_follow_event_grid_schedule_then_hourly(int failedAttempts, int seconds)
    {
        var policy = new DeliveryRetryPolicy(1, 30, TimeSpan.FromDays(1));

        Assert.Equal(TimeSpan.FromSeconds(seconds), policy.DelayAfter(failedAttempts));
    }

    [Fact]
    public void Scale_shrinks_the_schedule()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(30), new DeliveryRetryPolicy(0.001, 30, TimeSpan.FromDays(1)).DelayAfter(2));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(413)]
    public void Client_errors_event_grid_does_not_retry_dead_letter_at_once(int status)
    {
        var (retryAt, reason) = new DeliveryRetryPolicy(1, 30, TimeSpan.FromDays(1)).Decide(AfterAttempts(1), DeliveryOutcome.FromStatus(status), Accepted);

        Assert.Null(retryAt);
        Assert.Equal("NonRetriableFailure", reason);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(302)]
    public void Other_failures_are_retried(int status)
    {
        var (retryAt, _) = new DeliveryRetryPolicy(1, 30, TimeSpan.FromDays(1)).Decide(AfterAttempts(1), DeliveryOutcome.FromStatus(status), Accepted);

        Assert.Equal(Accepted.AddSeconds(10), retryAt);
    }

    [Fact]
    public void Last_allowed_attempt_failing_dead_letters()
    {
        var (retryAt, reason) = new DeliveryRetryPolicy(1, 3, TimeSpan.FromDays(1)).Decide(AfterAttempts(3), DeliveryOutcome.FromStatus(500), Accepted);

        Assert.Null(retryAt);
        Assert.Equal("MaxDeliveryAttemptsExceeded", reason);
    }

    [Fact]
    public void Retry_beyond_time_to_live_dead_letters()
    {
        var policy = new DeliveryRetryPolicy(1, 30, TimeSpan.FromMinutes(5));

        var (retryAt, reason) = policy.Decide(AfterAttempts(4), DeliveryOutcome.Failed("timeout"), Accepted.AddMinutes(1));

        Assert.Null(retryAt);
        Assert.Equal("TimeToLiveExceeded", reason);
    }

    [Fact]
    public void Success_range_is_200_to_204()
    {
        Assert.True(DeliveryOutcome.FromStatus(204).Delivered);
        Assert.False(DeliveryOutcome.FromStatus(205).Delivered);
    }
}

namespace Voice.Events.Delivery;

/// <summary>
/// Event Grid's retry rules: retries after 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h, then hourly, each
/// multiplied by <paramref name="scale"/> (1 in production; tiny in tests). A delivery is dead-lettered when
/// the outcome is not retriable, when <paramref name="maxAttempts"/> attempts have failed, or when the next
/// attempt would fall after the event's time-to-live. A delivery with a failover endpoint moves there, at once,
/// after <paramref name="failoverAfterAttempts"/> failed attempts at the primary, whatever the failure (Telnyx: a
/// webhook the primary does not take is sent to the failover URL); the attempts there count towards the limits.
/// </summary>
public sealed class DeliveryRetryPolicy(double scale, int maxAttempts, TimeSpan timeToLive, int failoverAfterAttempts = 1)
{
    private static readonly TimeSpan[] Schedule =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
    ];

    public int MaxAttempts => maxAttempts;

    /// <summary>Wait before the next attempt after <paramref name="failedAttempts"/> failures (1-based).</summary>
    public TimeSpan DelayAfter(int failedAttempts) => Schedule[Math.Clamp(failedAttempts - 1, 0, Schedule.Length - 1)] * scale;

    /// <summary>Whether a failed delivery moves to its failover endpoint now.</summary>
    public bool FailsOver(PendingDelivery failed) =>
        failed.FailoverEndpoint is not null && !failed.OnFailover && failed.Attempts >= failoverAfterAttempts;

    /// <summary>When to try again after a failed attempt, or null with a dead-letter reason.</summary>
    public (DateTimeOffset? RetryAt, string? DeadLetterReason) Decide(PendingDelivery failed, DeliveryOutcome outcome, DateTimeOffset now)
    {
        if (!outcome.Retriable)
        {
            return (null, "NonRetriableFailure");
        }

        if (failed.Attempts >= maxAttempts)
        {
            return (null, "MaxDeliveryAttemptsExceeded");
        }

        var retryAt = now + DelayAfter(failed.Attempts);
        return retryAt > failed.AcceptedAt + timeToLive ? (null, "TimeToLiveExceeded") : (retryAt, null);
    }
}

using Microsoft.DurableTask;

namespace Voice.Orchestration;

/// <summary>
/// How a failing step is retried: 5 attempts over about 15 s (1, 2, 4, 8 s apart). Effects are idempotent, so a
/// retried step repeats the effects that had succeeded. After the last attempt the lifecycle is told
/// (<c>EffectsFailed</c>): the call fails, and that is reported.
/// </summary>
public static class EffectRetries
{
    public const int MaxAttempts = 5;

    public static RetryPolicy Policy { get; } = new(
        maxNumberOfAttempts: MaxAttempts,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(8));

    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(Policy);
}

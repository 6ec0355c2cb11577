using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Voice.OutboundHttp;

/// <summary>
/// The retry rules of the named clients. Only requests that are safe to repeat are retried (GET and the other
/// idempotent methods), never a refusal by <see cref="OutboundTargetGuard"/>: asking again gets the same answer.
/// </summary>
public static class OutboundRetries
{
    /// <summary>
    /// Transient failures of safe requests (connection errors, per-attempt timeouts, 408, 429 and 5xx), retried
    /// <paramref name="attempts"/> times with exponential back-off from <paramref name="firstDelay"/> and jitter.
    /// </summary>
    public static HttpRetryStrategyOptions TransientSafeRequests(int attempts, TimeSpan firstDelay)
    {
        var options = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = attempts,
            Delay = firstDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(
                !OutboundTargetGuard.IsRefusal(args.Outcome.Exception) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        };
        options.DisableForUnsafeHttpMethods();
        return options;
    }

    /// <summary>
    /// One more try of a safe request whose connection could not be made (refused, reset, unreachable): the target
    /// got nothing, and a restarting server or a dropped SYN is the common cause. Timeouts and answers are final.
    /// </summary>
    public static HttpRetryStrategyOptions ConnectFailure(TimeSpan delay)
    {
        var options = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 1,
            Delay = delay,
            BackoffType = DelayBackoffType.Constant,
            UseJitter = false,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } failure
                && !OutboundTargetGuard.IsRefusal(failure)),
        };
        options.DisableForUnsafeHttpMethods();
        return options;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Storage;

namespace Voice.Api.Analytics;

/// <summary>
/// Around every analytics, recordings-by-conversation and conversations operation: the API key as
/// <c>Authorization: Bearer</c> (the seed's auth; <c>X-API-Key</c> is accepted too, as everywhere else) with the
/// <c>analytics:read</c> scope, the tenant's rate limit counted in storage (so it holds across instances) with
/// <c>X-RateLimit-*</c> headers on every response and 429 + <c>Retry-After</c> beyond it, and the seed's error bodies.
/// </summary>
public static class AnalyticsPipeline
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static async Task<IResult> RunAsync(HttpContext http, AnalyticsLimit limit, Func<ApiCaller, Task<IResult>> handler)
    {
        try
        {
            var authenticated = await ApiKeyAuthentication.AuthenticateAsync(http, PresentedKey(http.Request));
            if (authenticated is null)
            {
                return AnalyticsErrors.Of(StatusCodes.Status401Unauthorized, AnalyticsErrors.MissingTenant);
            }

            if (!authenticated.Key.HasScope(ApiScopes.AnalyticsRead))
            {
                return AnalyticsErrors.Of(StatusCodes.Status403Forbidden, $"API key lacks the {ApiScopes.AnalyticsRead} scope");
            }

            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var windowStart = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60);
            var count = await http.RequestServices.GetRequiredService<RateLimitCounter>()
                .IncrementAsync(authenticated.Caller.AccountId, limit.Name, windowStart, Window, http.RequestAborted);
            var reset = windowStart + Window;
            var headers = http.Response.Headers;
            headers["X-RateLimit-Limit"] = limit.PerMinute.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = Math.Max(0, limit.PerMinute - count).ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            if (count > limit.PerMinute)
            {
                headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((reset - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return AnalyticsErrors.Of(StatusCodes.Status429TooManyRequests, $"Rate limit of {limit.PerMinute} {limit.Name} requests per minute exceeded");
            }

            return await handler(authenticated.Caller);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception e)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Voice.Api.Analytics")
                .LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            return AnalyticsErrors.Of(StatusCodes.Status500InternalServerError, AnalyticsErrors.Internal);
        }
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return value["Bearer ".Length..].Trim();
        }

        var keys = request.Headers[ApiPipeline.ApiKeyHeader];
        return keys.Count == 1 ? keys[0] : null;
    }
}

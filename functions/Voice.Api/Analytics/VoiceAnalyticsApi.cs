using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Analytics;
using Voice.Storage;

namespace Voice.Api.Analytics;

/// <summary>
/// <c>/api/voice/analytics/{overview,detailed,timeline}</c> (specs/voice-analytics-recordings-api.md), answered from
/// the hourly rollups (<see cref="AnalyticsRollupRepository"/>) — never a scan of calls. Metrics count calls that
/// have ended; a call counts in the hour it began.
/// </summary>
public static class VoiceAnalyticsApi
{
    public const string Route = "api/voice/analytics";

    private static readonly TimeSpan SummaryMaxAge = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TimelineMaxAge = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapVoiceAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route + "/overview", (Func<HttpContext, Task<IResult>>)Overview);
        app.MapGet(Route + "/detailed", (Func<HttpContext, Task<IResult>>)Detailed);
        app.MapGet(Route + "/timeline", (Func<HttpContext, Task<IResult>>)Timeline);
        return app;
    }

    public static Task<IResult> Overview(HttpContext http) => Summary(http, detailed: false);

    public static Task<IResult> Detailed(HttpContext http) => Summary(http, detailed: true);

    public static Task<IResult> Timeline(HttpContext http) => AnalyticsPipeline.RunAsync(http, AnalyticsLimit.Analytics, async caller =>
    {
        var bucket = http.Request.Query["bucket"] is { Count: > 0 } given ? given[0] : "day";
        if (bucket is not ("day" or "hour"))
        {
            return AnalyticsErrors.Invalid("bucket", "expected day or hour");
        }

        if (!AnalyticsDateRange.TryRead(http.Request.Query, Now(http), out var range, out var error))
        {
            return error!;
        }

        var hours = await Rollups(http).ReadHoursAsync(caller.AccountId, range.From, range.Until, http.RequestAborted);
        var timeline = new JsonArray();
        foreach (var group in hours.Where(h => h.Totals.Calls > 0).GroupBy(h => bucket == "day" ? new DateTimeOffset(h.Hour.Date, TimeSpan.Zero) : h.Hour))
        {
            var totals = group.Aggregate(RollupTotals.Zero, (sum, h) => sum + h.Totals);
            timeline.Add(new JsonObject
            {
                ["bucket"] = ApiJson.Rfc3339(group.Key),
                ["call_count"] = totals.Calls,
                ["avg_duration_seconds"] = totals.AverageDurationSeconds,
            });
        }

        return CachedJson.Of(http, new JsonObject { ["timeline"] = timeline }, TimelineMaxAge);
    });

    private static Task<IResult> Summary(HttpContext http, bool detailed) => AnalyticsPipeline.RunAsync(http, AnalyticsLimit.Analytics, async caller =>
    {
        if (!AnalyticsDateRange.TryRead(http.Request.Query, Now(http), out var range, out var error))
        {
            return error!;
        }

        var hours = await Rollups(http).ReadHoursAsync(caller.AccountId, range.From, range.Until, http.RequestAborted);
        var totals = hours.Aggregate(RollupTotals.Zero, (sum, h) => sum + h.Totals);
        var metrics = new JsonObject
        {
            ["total_calls"] = totals.Calls,
            ["completed_calls"] = totals.Completed,
            ["incomplete_calls"] = totals.Incomplete,
            ["avg_duration_seconds"] = totals.AverageDurationSeconds,
            ["recording_availability_rate"] = totals.RecordingAvailabilityRate,
        };
        if (detailed)
        {
            metrics["tool_call_success_rate"] = totals.ToolCallSuccessRate;
            metrics["sentiment_distribution"] = new JsonObject
            {
                ["positive"] = totals.Positive,
                ["neutral"] = totals.Neutral,
                ["negative"] = totals.Negative,
            };
        }

        return CachedJson.Of(http, new JsonObject { ["metrics"] = metrics }, SummaryMaxAge);
    });

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static AnalyticsRollupRepository Rollups(HttpContext http) => http.RequestServices.GetRequiredService<AnalyticsRollupRepository>();
}

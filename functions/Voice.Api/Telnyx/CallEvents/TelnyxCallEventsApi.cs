using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Core.Accounts;
using Voice.Storage;

namespace Voice.Api.Telnyx;

/// <summary>
/// Call events (<c>GET /v2/call_events</c>, the SDK's <c>callEvents.list</c>): the commands the account's Telnyx calls
/// accepted and the webhooks sent for them, oldest first (Telnyx orders by <c>occurred_at</c>). Without a leg or
/// session filter only the last 24 hours are listed, as Telnyx does.
/// </summary>
public static class TelnyxCallEventsApi
{
    public const string Route = TelnyxApiRegistration.Prefix + "/call_events";

    /// <summary>How far back a list without a leg or session filter looks.</summary>
    public static readonly TimeSpan UnfilteredWindow = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapTelnyxCallEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)List);
        return app;
    }

    public static Task<IResult> List(HttpContext http) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        var (list, error) = TelnyxListQuery.Read(http.Request.Query, []);
        if (list is null)
        {
            return error!;
        }

        var (filter, filterError) = TelnyxCallEventFilter.Read(list);
        if (filter is null)
        {
            return filterError!;
        }

        var page = list.Page;
        if (filter.Empty)
        {
            return TelnyxResults.List(page.Of(Array.Empty<TelnyxCallEvent>()));
        }

        var from = filter.From;
        if (filter.SessionCallId is null && filter.LegCallId is null)
        {
            var windowStart = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() - UnfilteredWindow;
            from = from is { } given && given > windowStart ? given : windowStart;
        }

        var entries = await http.RequestServices.GetRequiredService<CallEventLog>().ListAsync(
            caller.AccountId, filter.SessionCallId, filter.LegCallId, from, filter.Until, filter.Kind, filter.Name, page.Number, page.Size, http.RequestAborted);
        return TelnyxResults.List(new TelnyxList<TelnyxCallEvent>(
            entries.Items.Select(TelnyxCallEvent.Of).ToList(), TelnyxPageMeta.For(page, entries.Total)));
    });
}

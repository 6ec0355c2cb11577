using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Core.Accounts;
using Voice.Core.Calls;
using Voice.Engine.Accounts;
using Voice.Storage;

namespace Voice.Api.Telnyx;

/// <summary>
/// Connections (<c>/v2/connections</c>): the account's call control applications seen as Telnyx connections (ours
/// have no SIP trunk connections), and each one's live calls.
/// </summary>
public static class TelnyxConnectionsApi
{
    public const string Route = TelnyxApiRegistration.Prefix + "/connections";

    private const int MinNameFilter = 3;
    private const int ReadPageSize = 500;

    /// <summary>The statuses of a call that has not ended.</summary>
    private static readonly CallStatus[] LiveStatuses = [CallStatus.Queued, CallStatus.Ringing, CallStatus.InProgress];

    public static IEndpointRouteBuilder MapTelnyxConnectionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)ListConnections);
        app.MapGet(Route + "/{id}", (Func<HttpContext, string, Task<IResult>>)GetConnection);
        app.MapGet(Route + "/{connectionId}/active_calls", (Func<HttpContext, string, Task<IResult>>)ListActiveCalls);
        return app;
    }

    public static Task<IResult> ListConnections(HttpContext http) => TelnyxPipeline.RunAsync(http, ApiScopes.ApplicationsRead, async caller =>
    {
        var (list, error) = TelnyxListQuery.Read(http.Request.Query, TelnyxApplicationLists.SortFields);
        if (list is null)
        {
            return error!;
        }

        var name = list.Filter("connection_name", "contains");
        if (name is { Length: < MinNameFilter })
        {
            return TelnyxResults.InvalidQuery("filter[connection_name][contains]", $"'filter[connection_name][contains]' needs at least {MinNameFilter} characters");
        }

        var profile = list.Filter("outbound_voice_profile_id") ?? list.Filter("outbound.outbound_voice_profile_id");
        var all = await TelnyxApplicationLists.TelnyxApplicationsAsync(Applications(http), caller.AccountId, http.RequestAborted);
        var selected = TelnyxApplicationLists.Select(all, name, profile, list.Sort);
        return TelnyxResults.List(list.Page.Of(selected.Select(TelnyxConnection.Of).ToList()));
    });

    public static Task<IResult> GetConnection(HttpContext http, string id) => TelnyxPipeline.RunAsync(http, ApiScopes.ApplicationsRead, async caller =>
        await TelnyxCallControlApplicationsApi.FindAsync(http, caller, id) is { } application
            ? TelnyxResults.Data(TelnyxConnection.Of(application))
            : TelnyxResults.NotFound("connection"));

    /// <summary>The connection's calls that have not ended, newest first; 404 for an unknown connection.</summary>
    public static Task<IResult> ListActiveCalls(HttpContext http, string connectionId) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        var (list, error) = TelnyxListQuery.Read(http.Request.Query, []);
        if (list is null)
        {
            return error!;
        }

        if (await TelnyxCallControlApplicationsApi.FindAsync(http, caller, connectionId) is null)
        {
            return TelnyxResults.NotFound("connection");
        }

        var calls = http.RequestServices.GetRequiredService<CallRepository>();
        var live = new List<CallRecord>();
        foreach (var status in LiveStatuses)
        {
            for (var number = 1; ; number++)
            {
                var page = await calls.ListAsync(caller.AccountId, status, direction: null, number, ReadPageSize, http.RequestAborted);
                live.AddRange(page.Items.Where(c => c.ApplicationId == connectionId));
                if ((long)number * ReadPageSize >= page.Total)
                {
                    break;
                }
            }
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var active = live.OrderByDescending(c => c.CreatedAt).Select(c => TelnyxActiveCall.Of(c, now)).ToList();
        return TelnyxResults.List(list.Page.Of(active));
    });

    private static ApplicationService Applications(HttpContext http) => http.RequestServices.GetRequiredService<ApplicationService>();
}

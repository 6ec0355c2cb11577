using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Engine.Accounts;

namespace Voice.Api.Telnyx;

/// <summary>
/// Call control applications (<c>/v2/call_control_applications</c>) on the one account model: each is an application
/// record of dialect Telnyx that parks its inbound calls. Another account's application, or an application of another
/// dialect, is 404.
/// </summary>
public static class TelnyxCallControlApplicationsApi
{
    public const string Route = TelnyxApiRegistration.Prefix + "/call_control_applications";

    /// <summary>Telnyx requires three characters for a name filter.</summary>
    private const int MinNameFilter = 3;

    public static IEndpointRouteBuilder MapTelnyxCallControlApplicationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)ListApplications);
        app.MapPost(Route, (Func<HttpContext, Task<IResult>>)CreateApplication);
        app.MapGet(Route + "/{id}", (Func<HttpContext, string, Task<IResult>>)GetApplication);
        app.MapPatch(Route + "/{id}", (Func<HttpContext, string, Task<IResult>>)UpdateApplication);
        app.MapDelete(Route + "/{id}", (Func<HttpContext, string, Task<IResult>>)DeleteApplication);
        return app;
    }

    public static Task<IResult> ListApplications(HttpContext http) => TelnyxPipeline.RunAsync(http, ApiScopes.ApplicationsRead, async caller =>
    {
        var (list, error) = TelnyxListQuery.Read(http.Request.Query, TelnyxApplicationLists.SortFields);
        if (list is null)
        {
            return error!;
        }

        var name = list.Filter("application_name", "contains");
        if (name is { Length: < MinNameFilter })
        {
            return TelnyxResults.InvalidQuery("filter[application_name][contains]", $"'filter[application_name][contains]' needs at least {MinNameFilter} characters");
        }

        var all = await TelnyxApplicationLists.TelnyxApplicationsAsync(Service(http), caller.AccountId, http.RequestAborted);
        var selected = TelnyxApplicationLists.Select(all, name, list.Filter("outbound.outbound_voice_profile_id"), list.Sort);
        return TelnyxResults.List(list.Page.Of(selected.Select(TelnyxCallControlApplication.Of).ToList()));
    });

    public static Task<IResult> CreateApplication(HttpContext http) => TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.ApplicationsWrite, async (caller, body) =>
    {
        if (TelnyxApplicationFields.Read(body, creating: true, out var fields) is not { } configure)
        {
            return fields.Error!;
        }

        var application = await Service(http).CreateAsync(caller.AccountId, caller.Actor, configure, http.RequestAborted);
        return TelnyxResults.Data(TelnyxCallControlApplication.Of(application), StatusCodes.Status201Created);
    });

    public static Task<IResult> GetApplication(HttpContext http, string id) => TelnyxPipeline.RunAsync(http, ApiScopes.ApplicationsRead, async caller =>
        await FindAsync(http, caller, id) is { } application
            ? TelnyxResults.Data(TelnyxCallControlApplication.Of(application))
            : TelnyxResults.NotFound("call control application"));

    public static Task<IResult> UpdateApplication(HttpContext http, string id) => TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.ApplicationsWrite, async (caller, body) =>
    {
        if (TelnyxApplicationFields.Read(body, creating: false, out var fields) is not { } change)
        {
            return fields.Error!;
        }

        if (await FindAsync(http, caller, id) is null)
        {
            return TelnyxResults.NotFound("call control application");
        }

        return await Service(http).UpdateAsync(caller.AccountId, caller.Actor, id, change, http.RequestAborted) is { } application
            ? TelnyxResults.Data(TelnyxCallControlApplication.Of(application))
            : TelnyxResults.NotFound("call control application");
    });

    /// <summary>200 with the deleted application, as Telnyx answers; 422 while numbers are still assigned to it.</summary>
    public static Task<IResult> DeleteApplication(HttpContext http, string id) => TelnyxPipeline.RunAsync(http, ApiScopes.ApplicationsWrite, async caller =>
    {
        if (await FindAsync(http, caller, id) is not { } application)
        {
            return TelnyxResults.NotFound("call control application");
        }

        var outcome = await Service(http).DeleteAsync(caller.AccountId, caller.Actor, id, http.RequestAborted);
        if (!outcome.Found)
        {
            return TelnyxResults.NotFound("call control application");
        }

        return outcome.AssignedNumbers.Count == 0
            ? TelnyxResults.Data(TelnyxCallControlApplication.Of(application))
            : TelnyxResults.Error(StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.BadRequest, "Application in use",
                $"the application still answers {string.Join(", ", outcome.AssignedNumbers)}; assign those numbers elsewhere first");
    });

    /// <summary>The account's application with that id if it speaks Telnyx.</summary>
    internal static async Task<ApplicationRecord?> FindAsync(HttpContext http, ApiCaller caller, string id) =>
        TelnyxIds.IsPathId(id) && await Service(http).GetAsync(caller.AccountId, id, http.RequestAborted) is { Dialect: ApplicationDialect.Telnyx } application
            ? application
            : null;

    private static ApplicationService Service(HttpContext http) => http.RequestServices.GetRequiredService<ApplicationService>();
}

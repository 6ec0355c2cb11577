using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Engine.Accounts;

namespace Voice.Api.Telefon;

/// <summary>
/// Applications (<c>/v1/voice/applications</c>), an addition to Telefon v1: how the account's calls are driven and
/// reported. Another account's application is 404, never 403.
/// </summary>
public static class TelefonApplicationsApi
{
    public const string Route = "v1/voice/applications";

    public static IEndpointRouteBuilder MapTelefonApplicationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)ListApplications);
        app.MapPost(Route, (Func<HttpContext, Task<IResult>>)CreateApplication);
        app.MapGet(Route + "/{applicationId}", (Func<HttpContext, string, Task<IResult>>)GetApplication);
        app.MapPatch(Route + "/{applicationId}", (Func<HttpContext, string, Task<IResult>>)UpdateApplication);
        app.MapDelete(Route + "/{applicationId}", (Func<HttpContext, string, Task<IResult>>)DeleteApplication);
        return app;
    }

    public static Task<IResult> ListApplications(HttpContext http) => ApiPipeline.RunAsync(http, ApiScopes.ApplicationsRead, async caller =>
    {
        var query = new QueryParameters(http.Request.Query);
        var page = query.Page();
        var pageSize = query.PageSize();
        if (query.Error is { } error)
        {
            return error;
        }

        var result = await Service(http).ListAsync(caller.AccountId, page, pageSize, http.RequestAborted);
        return ApiResults.Json(new TelefonApplicationList(result.Items.Select(TelefonApplication.Of).ToList(), result.Total));
    });

    public static Task<IResult> CreateApplication(HttpContext http) => ApiPipeline.RunAsync(http, ApiScopes.ApplicationsWrite, async caller =>
    {
        var (body, bodyError) = await JsonRequestBody.ReadAsync(http.Request, optional: false, http.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        using var document = body!;
        var fields = new BodyFields(document.RootElement);
        if (TelefonApplicationFields.Read(fields, creating: true) is not { } configure)
        {
            return fields.Error!;
        }

        var outcome = await Service(http).TryCreateAsync(caller.AccountId, caller.Actor, configure, http.RequestAborted);
        return ResultOf(outcome, a => new LocatedResult(ApiResults.Json(TelefonApplication.Of(a), StatusCodes.Status201Created), $"/{Route}/{a.Id}"));
    });

    public static Task<IResult> GetApplication(HttpContext http, string applicationId) => ApiPipeline.RunAsync(http, ApiScopes.ApplicationsRead, async caller =>
        await Service(http).GetAsync(caller.AccountId, applicationId, http.RequestAborted) is { } application
            ? ApiResults.Json(TelefonApplication.Of(application))
            : ApiResults.NotFound("application"));

    public static Task<IResult> UpdateApplication(HttpContext http, string applicationId) => ApiPipeline.RunAsync(http, ApiScopes.ApplicationsWrite, async caller =>
    {
        var (body, bodyError) = await JsonRequestBody.ReadAsync(http.Request, optional: false, http.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        using var document = body!;
        var fields = new BodyFields(document.RootElement);
        if (TelefonApplicationFields.Read(fields, creating: false) is not { } change)
        {
            return fields.Error!;
        }

        return ResultOf(await Service(http).TryUpdateAsync(caller.AccountId, caller.Actor, applicationId, change, http.RequestAborted), a => ApiResults.Json(TelefonApplication.Of(a)));
    });

    public static Task<IResult> DeleteApplication(HttpContext http, string applicationId) => ApiPipeline.RunAsync(http, ApiScopes.ApplicationsWrite, async caller =>
    {
        var outcome = await Service(http).DeleteAsync(caller.AccountId, caller.Actor, applicationId, http.RequestAborted);
        if (!outcome.Found)
        {
            return ApiResults.NotFound("application");
        }

        return outcome.AssignedNumbers.Count == 0
            ? Results.NoContent()
            : ApiResults.Conflict("application_in_use", $"the application still answers {string.Join(", ", outcome.AssignedNumbers)}; assign those numbers elsewhere first");
    });

    /// <summary>
    /// The response to a create or update: <paramref name="saved"/>, 404, 400 for a SIP URI that cannot be an
    /// application's, or 409 <c>sip_uri_taken</c> for one another application answers (the field named either way).
    /// </summary>
    public static IResult ResultOf(ApplicationWriteOutcome outcome, Func<ApplicationRecord, IResult> saved) => outcome switch
    {
        { Application: { } application } => saved(application),
        { Field: { } field, IsConflict: true } => ApiResults.Conflict("sip_uri_taken", outcome.Problem!, field),
        { Field: { } field } => ApiResults.Invalid(field, outcome.Problem!),
        _ => ApiResults.NotFound("application"),
    };

    private static ApplicationService Service(HttpContext http) => http.RequestServices.GetRequiredService<ApplicationService>();
}

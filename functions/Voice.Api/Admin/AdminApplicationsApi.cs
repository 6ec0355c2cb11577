using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Api.Telefon;
using Voice.Engine.Accounts;

namespace Voice.Api.Admin;

/// <summary>
/// An account's applications, managed by the operator: the same fields, validation and wire shape as the tenant's
/// <c>/v1/voice/applications</c> (<see cref="TelefonApplicationFields"/>, <see cref="TelefonApplication"/>), on
/// the same engine service, audited with the operator as actor.
/// </summary>
public static class AdminApplicationsApi
{
    public static Task<IResult> ListApplications(HttpContext http, string accountId) => AdminPipeline.RunAsync(http, async _ =>
    {
        if (await AdminAccountsApi.FindAsync(http, accountId) is null)
        {
            return ApiResults.NotFound("account");
        }

        var query = new QueryParameters(http.Request.Query);
        var page = query.Page();
        var pageSize = query.PageSize();
        if (query.Error is { } error)
        {
            return error;
        }

        var result = await Service(http).ListAsync(accountId, page, pageSize, http.RequestAborted);
        return ApiResults.Json(new TelefonApplicationList(result.Items.Select(TelefonApplication.Of).ToList(), result.Total));
    });

    public static Task<IResult> CreateApplication(HttpContext http, string accountId) => AdminPipeline.RunAsync(http, async caller =>
    {
        if (await AdminAccountsApi.FindAsync(http, accountId) is null)
        {
            return ApiResults.NotFound("account");
        }

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

        var outcome = await Service(http).TryCreateAsync(accountId, caller.Actor, configure, http.RequestAborted);
        return TelefonApplicationsApi.ResultOf(
            outcome, a => new LocatedResult(ApiResults.Json(TelefonApplication.Of(a), StatusCodes.Status201Created), $"/{AdminApi.Route}/accounts/{accountId}/applications/{a.Id}"));
    });

    public static Task<IResult> GetApplication(HttpContext http, string accountId, string applicationId) => AdminPipeline.RunAsync(http, async _ =>
        await Service(http).GetAsync(accountId, applicationId, http.RequestAborted) is { } application
            ? ApiResults.Json(TelefonApplication.Of(application))
            : ApiResults.NotFound("application"));

    public static Task<IResult> UpdateApplication(HttpContext http, string accountId, string applicationId) => AdminPipeline.RunAsync(http, async caller =>
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

        var outcome = await Service(http).TryUpdateAsync(accountId, caller.Actor, applicationId, change, http.RequestAborted);
        return TelefonApplicationsApi.ResultOf(outcome, a => ApiResults.Json(TelefonApplication.Of(a)));
    });

    public static Task<IResult> DeleteApplication(HttpContext http, string accountId, string applicationId) => AdminPipeline.RunAsync(http, async caller =>
    {
        var outcome = await Service(http).DeleteAsync(accountId, caller.Actor, applicationId, http.RequestAborted);
        if (!outcome.Found)
        {
            return ApiResults.NotFound("application");
        }

        return outcome.AssignedNumbers.Count == 0
            ? Results.NoContent()
            : ApiResults.Conflict("application_in_use", $"the application still answers {string.Join(", ", outcome.AssignedNumbers)}; assign those numbers elsewhere first");
    });

    private static ApplicationService Service(HttpContext http) => http.RequestServices.GetRequiredService<ApplicationService>();
}

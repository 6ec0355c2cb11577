using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Core.Addressing;
using Voice.Engine.Accounts;
using Voice.Media.Contracts.Addressing;

namespace Voice.Api.Telefon;

/// <summary>
/// The account's phone numbers (<c>/v1/voice/numbers</c>), an addition to Telefon v1: which application answers
/// each, or the number's own answer and status URLs. Numbers are added by the operator, not here. A number the
/// account does not own is 404 (whoever owns it).
/// </summary>
public static class TelefonNumbersApi
{
    public const string Route = "v1/voice/numbers";

    public static IEndpointRouteBuilder MapTelefonNumbersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)ListNumbers);
        app.MapGet(Route + "/{number}", (Func<HttpContext, string, Task<IResult>>)GetNumber);
        app.MapPatch(Route + "/{number}", (Func<HttpContext, string, Task<IResult>>)UpdateNumber);
        return app;
    }

    public static Task<IResult> ListNumbers(HttpContext http) => ApiPipeline.RunAsync(http, ApiScopes.NumbersRead, async caller =>
    {
        var query = new QueryParameters(http.Request.Query);
        var page = query.Page();
        var pageSize = query.PageSize();
        if (query.Error is { } error)
        {
            return error;
        }

        var all = await Service(http).ListAsync(caller.AccountId, http.RequestAborted);
        var items = all.OrderBy(n => n.Number, StringComparer.Ordinal).Skip((page - 1) * pageSize).Take(pageSize).Select(TelefonNumber.Of).ToList();
        return ApiResults.Json(new TelefonNumberList(items, all.Count));
    });

    public static Task<IResult> GetNumber(HttpContext http, string number) => ApiPipeline.RunAsync(http, ApiScopes.NumbersRead, async caller =>
        E164Number.IsValid(number) && await Service(http).GetAsync(caller.AccountId, number, http.RequestAborted) is { } found
            ? ApiResults.Json(TelefonNumber.Of(found))
            : ApiResults.NotFound("number"));

    public static Task<IResult> UpdateNumber(HttpContext http, string number) => ApiPipeline.RunAsync(http, ApiScopes.NumbersWrite, async caller =>
    {
        if (!E164Number.IsValid(number) || await Service(http).GetAsync(caller.AccountId, number, http.RequestAborted) is null)
        {
            return ApiResults.NotFound("number");
        }

        var (body, bodyError) = await JsonRequestBody.ReadAsync(http.Request, optional: false, http.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        using var document = body!;
        var fields = new BodyFields(document.RootElement);
        var applicationId = fields.Text("application_id", maxLength: 64);
        var answerUrl = Url(fields, "answer_url");
        var statusCallback = Url(fields, "status_callback");
        if (fields.Error is { } error)
        {
            return error;
        }

        // Another account's application is as unknown as a missing one: its existence is not revealed.
        if (applicationId is { Length: > 0 } && !await Service(http).ApplicationExistsAsync(caller.AccountId, applicationId, http.RequestAborted))
        {
            return ApiResults.Invalid("application_id", $"'{applicationId}' is not an application of this account");
        }

        var updated = await Service(http).UpdateAsync(
            caller.AccountId,
            caller.Actor,
            number,
            n => n with
            {
                ApplicationId = Changed(applicationId, n.ApplicationId),
                AnswerUrl = Changed(answerUrl, n.AnswerUrl),
                EventUrl = Changed(statusCallback, n.EventUrl),
            },
            http.RequestAborted);
        return updated is null ? ApiResults.NotFound("number") : ApiResults.Json(TelefonNumber.Of(updated));
    });

    private static string? Url(BodyFields fields, string name)
    {
        var url = fields.Text(name);
        fields.Require(url is null || url.Length == 0 || HttpUrl.IsAbsolute(url), name, $"'{name}' must be an absolute http or https URL");
        return url;
    }

    private static string? Changed(string? given, string? current) => given is null ? current : given.Length == 0 ? null : given;

    private static NumberService Service(HttpContext http) => http.RequestServices.GetRequiredService<NumberService>();
}

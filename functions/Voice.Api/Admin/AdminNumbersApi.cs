using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Engine.Accounts;
using Voice.Media.Contracts.Addressing;
using Voice.Storage;

namespace Voice.Api.Admin;

/// <summary>
/// An account's phone numbers: add (409 when any account holds it), list, assign to one of the account's
/// applications (<c>""</c> unassigns), release (the number leaves the account and routes nowhere).
/// </summary>
public static class AdminNumbersApi
{
    public static Task<IResult> ListNumbers(HttpContext http, string accountId) => AdminPipeline.RunAsync(http, async _ =>
    {
        if (await AdminAccountsApi.FindAsync(http, accountId) is null)
        {
            return ApiResults.NotFound("account");
        }

        var numbers = await Numbers(http).ListAsync(accountId, http.RequestAborted);
        return ApiResults.Json(new { numbers = numbers.OrderBy(n => n.Number, StringComparer.Ordinal).Select(AdminNumber.Of) });
    });

    public static Task<IResult> AddNumber(HttpContext http, string accountId) => AdminPipeline.RunAsync(http, async caller =>
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
        var number = fields.Text("number", required: true, maxLength: 16);
        fields.Require(number is null || E164Number.IsValid(number), "number", "'number' must be an E.164 number (+ and 7 to 15 digits)");
        if (fields.Error is { } error)
        {
            return error;
        }

        var repository = http.RequestServices.GetRequiredService<PhoneNumberRepository>();
        if (await repository.FindRouteAsync(number!, http.RequestAborted) is { } owned)
        {
            return owned.AccountId == accountId
                ? ApiResults.Conflict("number_exists", $"{number} is already a number of this account", "number")
                : ApiResults.Conflict("number_owned_elsewhere", $"{number} belongs to another account", "number");
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var added = new PhoneNumberRecord { AccountId = accountId, Number = number!, CreatedAt = now };
        await repository.UpsertAsync(added, http.RequestAborted);
        await http.RequestServices.GetRequiredService<AuditLogRepository>().AddAsync(accountId, caller.Actor, "number.added", number!, now, http.RequestAborted);
        return ApiResults.Json(AdminNumber.Of(added), StatusCodes.Status201Created);
    });

    public static Task<IResult> AssignNumber(HttpContext http, string accountId, string number) => AdminPipeline.RunAsync(http, async caller =>
    {
        if (await AdminAccountsApi.FindAsync(http, accountId) is null)
        {
            return ApiResults.NotFound("account");
        }

        if (!E164Number.IsValid(number) || await Numbers(http).GetAsync(accountId, number, http.RequestAborted) is null)
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
        // Required, but "" is a value: it unassigns.
        var applicationId = fields.Text("application_id", maxLength: 64);
        if (fields.Error is { } error)
        {
            return error;
        }

        if (applicationId is null)
        {
            return ApiResults.Missing("application_id");
        }

        if (applicationId.Length > 0 && !await Numbers(http).ApplicationExistsAsync(accountId, applicationId, http.RequestAborted))
        {
            return ApiResults.Invalid("application_id", $"'{applicationId}' is not an application of account {accountId}");
        }

        var updated = await Numbers(http).UpdateAsync(
            accountId, caller.Actor, number, n => n with { ApplicationId = applicationId.Length == 0 ? null : applicationId }, http.RequestAborted);
        return updated is null ? ApiResults.NotFound("number") : ApiResults.Json(AdminNumber.Of(updated));
    });

    public static Task<IResult> ReleaseNumber(HttpContext http, string accountId, string number) => AdminPipeline.RunAsync(http, async caller =>
        E164Number.IsValid(number) && await Numbers(http).ReleaseAsync(accountId, caller.Actor, number, http.RequestAborted)
            ? Results.NoContent()
            : ApiResults.NotFound("number"));

    private static NumberService Numbers(HttpContext http) => http.RequestServices.GetRequiredService<NumberService>();
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Api.Admin;

/// <summary>Accounts (tenants): create, list, show, disable (its keys get 401 from the next request), enable.</summary>
public static class AdminAccountsApi
{
    public static Task<IResult> ListAccounts(HttpContext http) => AdminPipeline.RunAsync(http, async _ =>
        ApiResults.Json(new { accounts = (await Accounts(http).ListAsync(http.RequestAborted)).Select(AdminAccount.Of) }));

    public static Task<IResult> CreateAccount(HttpContext http) => AdminPipeline.RunAsync(http, async caller =>
    {
        var (body, bodyError) = await JsonRequestBody.ReadAsync(http.Request, optional: false, http.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        using var document = body!;
        var fields = new BodyFields(document.RootElement);
        var name = fields.Text("name", required: true, maxLength: 128);
        var allowPrivate = fields.Flag("allow_private_webhooks") ?? false;
        if (fields.Error is { } error)
        {
            return error;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var account = new AccountRecord { Id = SortableIds.New(SortableIds.AccountPrefix, now), Name = name!, AllowPrivateWebhooks = allowPrivate, CreatedAt = now };
        await Accounts(http).UpsertAsync(account, http.RequestAborted);
        await Audit(http).AddAsync(account.Id, caller.Actor, "account.created", account.Id, now, http.RequestAborted);
        return ApiResults.Json(AdminAccount.Of(account), StatusCodes.Status201Created);
    });

    public static Task<IResult> GetAccount(HttpContext http, string accountId) => AdminPipeline.RunAsync(http, async _ =>
        await Accounts(http).GetAsync(accountId, http.RequestAborted) is { } a ? ApiResults.Json(AdminAccount.Of(a)) : ApiResults.NotFound("account"));

    public static Task<IResult> DisableAccount(HttpContext http, string accountId) => SetStatusAsync(http, accountId, AccountStatus.Disabled);

    public static Task<IResult> EnableAccount(HttpContext http, string accountId) => SetStatusAsync(http, accountId, AccountStatus.Active);

    private static Task<IResult> SetStatusAsync(HttpContext http, string accountId, AccountStatus status) => AdminPipeline.RunAsync(http, async caller =>
    {
        if (await Accounts(http).GetAsync(accountId, http.RequestAborted) is not { } account)
        {
            return ApiResults.NotFound("account");
        }

        var changed = account with { Status = status };
        await Accounts(http).UpsertAsync(changed, http.RequestAborted);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await Audit(http).AddAsync(accountId, caller.Actor, status == AccountStatus.Disabled ? "account.disabled" : "account.enabled", accountId, now, http.RequestAborted);
        return ApiResults.Json(AdminAccount.Of(changed));
    });

    /// <summary>The account, or null; every per-account admin route answers 404 for an account that does not exist.</summary>
    internal static Task<AccountRecord?> FindAsync(HttpContext http, string accountId) => Accounts(http).GetAsync(accountId, http.RequestAborted);

    private static AccountRepository Accounts(HttpContext http) => http.RequestServices.GetRequiredService<AccountRepository>();

    private static AuditLogRepository Audit(HttpContext http) => http.RequestServices.GetRequiredService<AuditLogRepository>();
}

using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Engine.Accounts;
using Voice.Media.Contracts;
using Voice.Media.Contracts.Addressing;
using Voice.Storage;

namespace Voice.DevHost.Admin;

/// <summary>
/// The operator's admin API in DevHost (<c>/admin/v1</c>): accounts create/list/show/disable/enable, keys
/// create (shown once)/list/revoke, numbers add/list/release. <c>Authorization: Bearer</c> with the local
/// <see cref="AdminKey"/>; errors in the tenant API's shape. Changes are audited as <c>operator:devhost</c>.
/// </summary>
public static class AdminApi
{
    public const string Route = "/admin/v1";
    public const string Actor = "operator:devhost";

    public static IEndpointRouteBuilder MapDevHostAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Route).AddEndpointFilter(async (context, next) =>
        {
            var header = context.HttpContext.Request.Headers.Authorization.ToString();
            var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
            return context.HttpContext.RequestServices.GetRequiredService<AdminKey>().Matches(key)
                ? await next(context)
                : ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthorized", "the admin API needs 'Authorization: Bearer <admin key>'");
        });

        admin.MapGet("/accounts", async (AccountRepository accounts, CancellationToken ct) =>
            ApiResults.Json(new { accounts = (await accounts.ListAsync(ct)).Select(AdminAccount.Of) }));
        admin.MapPost("/accounts", (Func<HttpContext, Task<IResult>>)CreateAccountAsync);
        admin.MapGet("/accounts/{accountId}", async (string accountId, AccountRepository accounts, CancellationToken ct) =>
            await accounts.GetAsync(accountId, ct) is { } a ? ApiResults.Json(AdminAccount.Of(a)) : ApiResults.NotFound("account"));
        admin.MapPost("/accounts/{accountId}/disable", (string accountId, HttpContext http) => SetStatusAsync(http, accountId, AccountStatus.Disabled));
        admin.MapPost("/accounts/{accountId}/enable", (string accountId, HttpContext http) => SetStatusAsync(http, accountId, AccountStatus.Active));

        admin.MapGet("/accounts/{accountId}/keys", async (string accountId, ApiKeyRepository keys, CancellationToken ct) =>
            ApiResults.Json(new { keys = (await keys.ListAsync(accountId, ct)).Select(k => AdminApiKey.Of(k)) }));
        admin.MapPost("/accounts/{accountId}/keys", (Func<HttpContext, string, Task<IResult>>)CreateKeyAsync);
        admin.MapDelete("/accounts/{accountId}/keys/{keyId}", async (string accountId, string keyId, ApiKeyService keys, CancellationToken ct) =>
            await keys.RevokeAsync(accountId, Actor, keyId, ct) ? Results.NoContent() : ApiResults.NotFound("key"));

        admin.MapGet("/accounts/{accountId}/numbers", async (string accountId, PhoneNumberRepository numbers, CancellationToken ct) =>
            ApiResults.Json(new { numbers = (await numbers.ListAsync(accountId, ct)).Select(n => new { number = n.Number, application_id = n.ApplicationId }) }));
        admin.MapPost("/accounts/{accountId}/numbers", (Func<HttpContext, string, Task<IResult>>)AddNumberAsync);
        return app;
    }

    private static async Task<IResult> CreateAccountAsync(HttpContext http)
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
        await http.RequestServices.GetRequiredService<AccountRepository>().UpsertAsync(account, http.RequestAborted);
        await Audit(http).AddAsync(account.Id, Actor, "account.created", account.Id, now, http.RequestAborted);
        return ApiResults.Json(AdminAccount.Of(account), StatusCodes.Status201Created);
    }

    private static async Task<IResult> SetStatusAsync(HttpContext http, string accountId, AccountStatus status)
    {
        var accounts = http.RequestServices.GetRequiredService<AccountRepository>();
        if (await accounts.GetAsync(accountId, http.RequestAborted) is not { } account)
        {
            return ApiResults.NotFound("account");
        }

        var changed = account with { Status = status };
        await accounts.UpsertAsync(changed, http.RequestAborted);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await Audit(http).AddAsync(accountId, Actor, status == AccountStatus.Disabled ? "account.disabled" : "account.enabled", accountId, now, http.RequestAborted);
        return ApiResults.Json(AdminAccount.Of(changed));
    }

    private static async Task<IResult> CreateKeyAsync(HttpContext http, string accountId)
    {
        if (await http.RequestServices.GetRequiredService<AccountRepository>().GetAsync(accountId, http.RequestAborted) is null)
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
        var name = fields.Text("name", required: true, maxLength: 128);
        var scopes = fields.TextList("scopes", ApiScopes.All.Count, 64, s => ApiScopes.IsKnown(s) ? null : $"is not a scope ({string.Join(", ", ApiScopes.All)})");
        if (fields.Error is { } error)
        {
            return error;
        }

        var (key, record) = await http.RequestServices.GetRequiredService<ApiKeyService>().CreateAsync(accountId, Actor, name!, scopes, http.RequestAborted);
        return ApiResults.Json(AdminApiKey.Of(record, key), StatusCodes.Status201Created);
    }

    private static async Task<IResult> AddNumberAsync(HttpContext http, string accountId)
    {
        if (await http.RequestServices.GetRequiredService<AccountRepository>().GetAsync(accountId, http.RequestAborted) is null)
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

        var numbers = http.RequestServices.GetRequiredService<PhoneNumberRepository>();
        if (await numbers.FindRouteAsync(number!, http.RequestAborted) is { } owned)
        {
            return owned.AccountId == accountId
                ? ApiResults.Conflict("number_exists", $"{number} is already a number of this account", "number")
                : ApiResults.Conflict("number_owned_elsewhere", $"{number} belongs to another account", "number");
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await numbers.UpsertAsync(new PhoneNumberRecord { AccountId = accountId, Number = number!, CreatedAt = now }, http.RequestAborted);
        await Audit(http).AddAsync(accountId, Actor, "number.added", number!, now, http.RequestAborted);
        return ApiResults.Json(new { number, account_id = accountId }, StatusCodes.Status201Created);
    }

    private static AuditLogRepository Audit(HttpContext http) => http.RequestServices.GetRequiredService<AuditLogRepository>();
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Engine.Accounts;
using Voice.Storage;

namespace Voice.Api.Admin;

/// <summary>An account's API keys: create (the key is in the 201 body only), list (never the keys), revoke.</summary>
public static class AdminKeysApi
{
    public static Task<IResult> ListKeys(HttpContext http, string accountId) => AdminPipeline.RunAsync(http, async _ =>
        await AdminAccountsApi.FindAsync(http, accountId) is null
            ? ApiResults.NotFound("account")
            : ApiResults.Json(new { keys = (await http.RequestServices.GetRequiredService<ApiKeyRepository>().ListAsync(accountId, http.RequestAborted)).Select(k => AdminApiKey.Of(k)) }));

    public static Task<IResult> CreateKey(HttpContext http, string accountId) => AdminPipeline.RunAsync(http, async caller =>
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
        var name = fields.Text("name", required: true, maxLength: 128);
        var scopes = fields.TextList("scopes", ApiScopes.All.Count, 64, s => ApiScopes.IsKnown(s) ? null : $"is not a scope ({string.Join(", ", ApiScopes.All)})");
        if (fields.Error is { } error)
        {
            return error;
        }

        var (key, record) = await Keys(http).CreateAsync(accountId, caller.Actor, name!, scopes, http.RequestAborted);
        return ApiResults.Json(AdminApiKey.Of(record, key), StatusCodes.Status201Created);
    });

    public static Task<IResult> RevokeKey(HttpContext http, string accountId, string keyId) => AdminPipeline.RunAsync(http, async caller =>
        await Keys(http).RevokeAsync(accountId, caller.Actor, keyId, http.RequestAborted) ? Results.NoContent() : ApiResults.NotFound("key"));

    private static ApiKeyService Keys(HttpContext http) => http.RequestServices.GetRequiredService<ApiKeyService>();
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Voice.Api.Admin;

/// <summary>
/// The operator's admin API (<c>/v1/admin</c>), served by both hosts from these handlers: accounts, their API keys,
/// numbers and applications, and the media-node fleet. Authenticated by the host's <see cref="IOperatorAuthenticator"/> (see
/// <see cref="AdminPipeline"/>); errors in the tenant API's shape; changes audited with the operator as actor. Not
/// under <c>/admin</c>: the Functions host reserves that prefix for its own admin API.
/// </summary>
public static class AdminApi
{
    public const string Route = "v1/admin";
    public const string Accounts = Route + "/accounts";
    public const string Account = Accounts + "/{accountId}";
    public const string Keys = Account + "/keys";
    public const string Numbers = Account + "/numbers";
    public const string Applications = Account + "/applications";
    public const string Nodes = Route + "/nodes";
    public const string Node = Nodes + "/{nodeId}";

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Accounts, (Func<HttpContext, Task<IResult>>)AdminAccountsApi.ListAccounts);
        app.MapPost(Accounts, (Func<HttpContext, Task<IResult>>)AdminAccountsApi.CreateAccount);
        app.MapGet(Account, (Func<HttpContext, string, Task<IResult>>)AdminAccountsApi.GetAccount);
        app.MapPost(Account + "/disable", (Func<HttpContext, string, Task<IResult>>)AdminAccountsApi.DisableAccount);
        app.MapPost(Account + "/enable", (Func<HttpContext, string, Task<IResult>>)AdminAccountsApi.EnableAccount);

        app.MapGet(Keys, (Func<HttpContext, string, Task<IResult>>)AdminKeysApi.ListKeys);
        app.MapPost(Keys, (Func<HttpContext, string, Task<IResult>>)AdminKeysApi.CreateKey);
        app.MapDelete(Keys + "/{keyId}", (Func<HttpContext, string, string, Task<IResult>>)AdminKeysApi.RevokeKey);

        app.MapGet(Numbers, (Func<HttpContext, string, Task<IResult>>)AdminNumbersApi.ListNumbers);
        app.MapPost(Numbers, (Func<HttpContext, string, Task<IResult>>)AdminNumbersApi.AddNumber);
        app.MapPatch(Numbers + "/{number}", (Func<HttpContext, string, string, Task<IResult>>)AdminNumbersApi.AssignNumber);
        app.MapDelete(Numbers + "/{number}", (Func<HttpContext, string, string, Task<IResult>>)AdminNumbersApi.ReleaseNumber);

        app.MapGet(Applications, (Func<HttpContext, string, Task<IResult>>)AdminApplicationsApi.ListApplications);
        app.MapPost(Applications, (Func<HttpContext, string, Task<IResult>>)AdminApplicationsApi.CreateApplication);
        app.MapGet(Applications + "/{applicationId}", (Func<HttpContext, string, string, Task<IResult>>)AdminApplicationsApi.GetApplication);
        app.MapPatch(Applications + "/{applicationId}", (Func<HttpContext, string, string, Task<IResult>>)AdminApplicationsApi.UpdateApplication);
        app.MapDelete(Applications + "/{applicationId}", (Func<HttpContext, string, string, Task<IResult>>)AdminApplicationsApi.DeleteApplication);

        app.MapGet(Nodes, (Func<HttpContext, Task<IResult>>)AdminNodesApi.ListNodes);
        app.MapPost(Node + "/drain", (Func<HttpContext, string, Task<IResult>>)AdminNodesApi.DrainNode);
        app.MapPost(Node + "/undrain", (Func<HttpContext, string, Task<IResult>>)AdminNodesApi.UndrainNode);
        return app;
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.Api.Http;

namespace Voice.Api.Admin;

/// <summary>
/// What every admin operation does around its handler, in both hosts: authenticate the operator with the host's
/// <see cref="IOperatorAuthenticator"/> (401/403 in the API's error shape; 503 when the host has none configured, so
/// an unconfigured deployment fails closed), run the handler, and turn an unexpected failure into a logged 500.
/// </summary>
public static class AdminPipeline
{
    public static async Task<IResult> RunAsync(HttpContext http, Func<OperatorCaller, Task<IResult>> handler)
    {
        try
        {
            if (http.RequestServices.GetService<IOperatorAuthenticator>() is not { } authenticator)
            {
                return ApiResults.Error(
                    StatusCodes.Status503ServiceUnavailable, "admin_not_configured", "this host has no operator authentication configured (see docs/accounts.md)");
            }

            var authentication = await authenticator.AuthenticateAsync(http.Request, http.RequestAborted);
            if (authentication.Caller is not { } caller)
            {
                if (authentication.Status == StatusCodes.Status401Unauthorized)
                {
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    return ApiResults.Error(authentication.Status, "unauthorized", authentication.Problem!);
                }

                return ApiResults.Error(authentication.Status, "forbidden", authentication.Problem!);
            }

            return await handler(caller);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception e)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Voice.Api.Admin")
                .LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            return ApiResults.ForStatus(StatusCodes.Status500InternalServerError);
        }
    }
}

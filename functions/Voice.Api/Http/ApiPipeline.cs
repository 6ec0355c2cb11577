using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Voice.Api.Http;

/// <summary>
/// What every API operation does around its handler, in both hosts (DevHost and Functions): authenticate the
/// <c>X-API-Key</c> header (401 for a missing, unknown or revoked key, or a key of a disabled or missing account —
/// read on every request, no cache, so revocation and disabling apply to the next request), check the key has the
/// operation's scope (403 naming it), run the handler for that account, and turn an unexpected failure into a
/// logged 500 with the standard error body (no internals leak to the client).
/// </summary>
public static class ApiPipeline
{
    public const string ApiKeyHeader = "X-API-Key";

    public static async Task<IResult> RunAsync(HttpContext http, string scope, Func<ApiCaller, Task<IResult>> handler)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Voice.Api");
        try
        {
            var keys = http.Request.Headers[ApiKeyHeader];
            var authenticated = keys.Count == 1 ? await ApiKeyAuthentication.AuthenticateAsync(http, keys[0]) : null;
            if (authenticated is null)
            {
                return ApiResults.Unauthorized();
            }

            if (!authenticated.Key.HasScope(scope))
            {
                return ApiResults.MissingScope(scope);
            }

            return await handler(authenticated.Caller);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            return ApiResults.ForStatus(StatusCodes.Status500InternalServerError);
        }
    }
}

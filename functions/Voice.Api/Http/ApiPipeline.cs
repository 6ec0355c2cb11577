using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.Storage;

namespace Voice.Api.Http;

/// <summary>
/// What every API operation does around its handler, in both hosts (DevHost and Functions): authenticate the
/// <c>X-API-Key</c> header (401), run the handler for that account, and turn an unexpected failure into a
/// logged 500 with the standard error body (no internals leak to the client).
/// </summary>
public static class ApiPipeline
{
    public const string ApiKeyHeader = "X-API-Key";

    public static async Task<IResult> RunAsync(HttpContext http, Func<ApiCaller, Task<IResult>> handler)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Voice.Api");
        try
        {
            var keys = http.Request.Headers[ApiKeyHeader];
            if (keys.Count != 1 || string.IsNullOrEmpty(keys[0]))
            {
                return ApiResults.Unauthorized();
            }

            var accountId = await http.RequestServices.GetRequiredService<ApiKeyRepository>().FindAccountAsync(keys[0]!, http.RequestAborted);
            if (accountId is null)
            {
                return ApiResults.Unauthorized();
            }

            return await handler(new ApiCaller(accountId));
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

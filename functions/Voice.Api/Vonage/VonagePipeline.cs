using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.Api.Http;
using Voice.Api.Vonage.Auth;

namespace Voice.Api.Vonage;

/// <summary>
/// What every Vonage operation does around its handler, in both hosts: authenticate the application's JWT
/// (<see cref="VonageJwtAuthentication"/>; 401 problem), run the handler, and turn an unexpected failure into a logged
/// 500 problem. A JWT grants every Voice operation of its application's account.
/// </summary>
public static class VonagePipeline
{
    public static async Task<IResult> RunAsync(HttpContext http, Func<VonageCaller, Task<IResult>> handler)
    {
        try
        {
            var (caller, problem) = await VonageJwtAuthentication.AuthenticateAsync(http);
            if (caller is null)
            {
                Logger(http).LogInformation("{Method} {Path}: 401 {Problem}", http.Request.Method, http.Request.Path, problem);
                return VonageResults.Unauthorized(problem);
            }

            return await handler(caller);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception e)
        {
            Logger(http).LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            return VonageResults.ServerError();
        }
    }

    /// <summary><see cref="RunAsync"/> with a JSON object body (required unless <paramref name="optional"/>).</summary>
    public static Task<IResult> RunWithBodyAsync(HttpContext http, bool optional, Func<VonageCaller, JsonElement, Task<IResult>> handler) =>
        RunAsync(http, async caller =>
        {
            var (body, error) = await JsonRequestBody.ReadAsync(http.Request, optional, VonageResults.BodyError, http.RequestAborted);
            if (error is not null)
            {
                return error;
            }

            using var document = body ?? JsonDocument.Parse("{}");
            return await handler(caller, document.RootElement);
        });

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Voice.Api.Vonage");
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.Api.Http;

namespace Voice.Api.Telnyx;

/// <summary>
/// What every Telnyx operation does around its handler, in both hosts: authenticate <c>Authorization: Bearer
/// &lt;API key&gt;</c> on the shared key model (<see cref="ApiKeyAuthentication"/>: no cache, so a revoked key or a
/// disabled account gets 401 10009 on the next request), check the operation's scope (403 10010 naming it), run the
/// handler, and turn an unexpected failure into a logged 500 10007 with Telnyx's error body.
/// </summary>
public static class TelnyxPipeline
{
    private const string BearerScheme = "Bearer ";

    public static async Task<IResult> RunAsync(HttpContext http, string scope, Func<ApiCaller, Task<IResult>> handler)
    {
        try
        {
            var authenticated = await ApiKeyAuthentication.AuthenticateAsync(http, BearerKey(http.Request));
            if (authenticated is null)
            {
                return TelnyxResults.Unauthorized();
            }

            if (!authenticated.Key.HasScope(scope))
            {
                return TelnyxResults.MissingScope(scope);
            }

            return await handler(authenticated.Caller);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception e)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Voice.Api.Telnyx")
                .LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            return TelnyxResults.ForStatus(StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>
    /// <see cref="RunAsync"/> for an operation with a JSON body. An empty body is <c>{}</c>: the SDK sends
    /// <c>Content-Length: 0</c> with a JSON content type when a caller leaves the body out (compat-notes §0.3). Field
    /// errors of <see cref="BodyFields"/> made with <see cref="TelnyxResults.FieldErrors"/> name the JSON pointer.
    /// </summary>
    public static Task<IResult> RunWithBodyAsync(HttpContext http, string scope, Func<ApiCaller, JsonElement, Task<IResult>> handler) =>
        RunAsync(http, scope, async caller =>
        {
            var (body, error) = await JsonRequestBody.ReadAsync(http.Request, optional: true, TelnyxResults.BodyError, http.RequestAborted);
            if (error is not null)
            {
                return error;
            }

            using var document = body ?? JsonDocument.Parse("{}");
            return await handler(caller, document.RootElement);
        });

    private static string? BearerKey(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header || !header.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = header.AsSpan(BearerScheme.Length).Trim();
        return key.IsEmpty ? null : key.ToString();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Voice.Api.Telnyx;

/// <summary>
/// Everything under <c>/v2</c> no other route takes: an operation of the Telnyx seed (<see cref="TelnyxSeedOperations"/>)
/// gets 501 90501 naming it, anything else 404 10005, both in Telnyx's error body. A catch-all route has the lowest
/// precedence, so every operation a dialect API maps is served by its own route and never reaches this one; which
/// seed operations are unsupported is therefore "the seed minus the mapped routes", checked by the tests against
/// docs/dialects/telnyx.md. No key is needed to learn that an operation does not exist.
/// </summary>
public static class TelnyxUnsupportedApi
{
    public const string Route = TelnyxApiRegistration.Prefix + "/{**path}";

    public static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static IEndpointRouteBuilder MapTelnyxUnsupportedApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Route, Methods, (Func<HttpContext, string?, IResult>)Answer);
        return app;
    }

    public static IResult Answer(HttpContext http, string? path)
    {
        var relative = "/" + (path ?? "");
        return Find(http.Request.Method, relative) is { } operation ? TelnyxResults.NotSupported(operation) : TelnyxResults.ForStatus(StatusCodes.Status404NotFound);
    }

    /// <summary>The seed operation <paramref name="method"/> <paramref name="path"/> (under /v2) is, if any.</summary>
    public static TelnyxOperation? Find(string method, string path) =>
        TelnyxSeedOperations.All.FirstOrDefault(o => o.Matches(method, path));
}

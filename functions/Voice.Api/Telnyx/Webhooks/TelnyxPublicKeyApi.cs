using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;

namespace Voice.Api.Telnyx;

/// <summary>
/// <c>GET /v2/public_key</c>: the caller's account's webhook public key (Telnyx shows it in Mission Control; the
/// seed has no endpoint for it, so this one is ours). <c>data.public_key</c> goes as it is into
/// <c>new Telnyx({publicKey})</c>, <c>TELNYX_PUBLIC_KEY</c> or <c>webhooks.unwrap(body, {headers, key})</c>.
/// </summary>
public static class TelnyxPublicKeyApi
{
    public const string Route = TelnyxApiRegistration.Prefix + "/public_key";

    public static IEndpointRouteBuilder MapTelnyxPublicKeyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)GetPublicKey);
        return app;
    }

    public static Task<IResult> GetPublicKey(HttpContext http) => TelnyxPipeline.RunAsync(http, ApiScopes.ApplicationsRead, async caller =>
    {
        var key = await http.RequestServices.GetRequiredService<TelnyxSigningKeyStore>().GetOrCreateAsync(caller.AccountId, http.RequestAborted);
        return TelnyxResults.Data(new TelnyxPublicKey(key.PublicKey, "ed25519", "public_key", ApiJson.Rfc3339(key.CreatedAt)!));
    });
}

/// <summary>The webhook public key on the wire.</summary>
public sealed record TelnyxPublicKey(string PublicKey, string Algorithm, string RecordType, string CreatedAt);

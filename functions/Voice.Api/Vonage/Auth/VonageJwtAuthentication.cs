using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Storage;

namespace Voice.Api.Vonage.Auth;

/// <summary>
/// Vonage's application authentication (compat-notes §B.1): <c>Authorization: Bearer &lt;JWT&gt;</c>, RS256 only, the
/// application named by <c>application_id</c> and the signature checked against that application's own registered
/// public keys; <c>exp</c> required and in the future, <c>iat</c> and <c>nbf</c> not in the future, each with 60 s of
/// clock skew; each <c>jti</c> accepted once (recorded in the id log every instance shares, so a replay to another
/// instance fails too); <c>acl.paths</c> when present. Nothing is cached: a key removed from the application or a
/// disabled account is refused on the next request.
/// </summary>
public static class VonageJwtAuthentication
{
    /// <summary>Clock skew allowed on <c>exp</c>, <c>iat</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

    /// <summary>Longest lifetime accepted (Vonage's SDKs use 15 minutes; its API allows a day).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    private const string BearerScheme = "Bearer ";

    /// <summary>The caller, or null with the reason for the 401.</summary>
    public static async Task<(VonageCaller? Caller, string Problem)> AuthenticateAsync(HttpContext http)
    {
        var values = http.Request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header || !header.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "An 'Authorization: Bearer <JWT>' header signed with your application's private key is required");
        }

        var jwt = VonageJwt.TryRead(header[BearerScheme.Length..].Trim(), out var malformed);
        if (jwt is null)
        {
            return (null, "The JWT is malformed: " + malformed);
        }

        if (jwt.Algorithm != "RS256")
        {
            return (null, $"The JWT algorithm '{jwt.Algorithm}' is refused: only RS256 is accepted");
        }

        if (jwt.ApplicationId is not { Length: > 0 and <= 64 } applicationId)
        {
            return (null, "The JWT has no 'application_id' claim");
        }

        var services = http.RequestServices;
        var application = await services.GetRequiredService<ApplicationRepository>().FindByIdAsync(applicationId, http.RequestAborted);
        if (application?.Vonage is not { PublicKeys.Count: > 0 } settings)
        {
            return (null, $"Application {applicationId} does not exist or has no public key registered");
        }

        if (!jwt.VerifiesWith(settings.PublicKeys))
        {
            return (null, "The JWT signature does not verify with the application's public key");
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)Skew.TotalSeconds;
        if (jwt.Expires is not { } exp || exp + skew <= now)
        {
            return (null, jwt.Expires is null ? "The JWT has no 'exp' claim" : "The JWT has expired");
        }

        if (jwt.IssuedAt is { } iat && (iat > now + skew || exp - iat > (long)MaxLifetime.TotalSeconds))
        {
            return (null, iat > now + skew ? "The JWT 'iat' is in the future" : "The JWT lives longer than 24 hours");
        }

        if (jwt.NotBefore is { } nbf && nbf > now + skew)
        {
            return (null, "The JWT is not valid yet ('nbf')");
        }

        if (!VonageAclPaths.Allows(jwt.Claims, http.Request.Path.Value ?? "/"))
        {
            return (null, $"The JWT's acl does not allow {http.Request.Path}");
        }

        var account = await services.GetRequiredService<AccountRepository>().GetAsync(application.AccountId, http.RequestAborted);
        if (account is not { Status: AccountStatus.Active })
        {
            return (null, "The application's account is disabled");
        }

        // Last, so a token refused for any other reason does not use up its id.
        if (jwt.Jti is { Length: > 0 } jti
            && await services.GetRequiredService<CallCommandLog>().TryRecordAsync("jti:" + applicationId, jti, exp.ToString(System.Globalization.CultureInfo.InvariantCulture), http.RequestAborted) is not null)
        {
            return (null, "The JWT has been used before ('jti' replay)");
        }

        return (new VonageCaller(new ApiCaller(application.AccountId, "app:" + application.Id), application), "");
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Voice.Testing;

namespace Voice.Api.Tests.Admin;

/// <summary>
/// A stand-in for a Microsoft Entra ID tenant on 127.0.0.1: its OpenID metadata and JWKS (as Entra serves them at
/// <c>{tenant}/v2.0/.well-known/openid-configuration</c> and <c>discovery/v2.0/keys</c>), and access tokens signed
/// with locally generated RSA keys. <see cref="Rotate"/> publishes a further key, as Entra's key rollover does.
/// </summary>
public sealed class LocalOpenIdProvider : IAsyncDisposable
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string ClientId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private static readonly string[] SigningAlgorithms = ["RS256"];
    private readonly WebApplication app;
    private readonly List<RsaSecurityKey> published = [];
    private readonly JsonWebTokenHandler tokens = new();

    private LocalOpenIdProvider(WebApplication app, int port)
    {
        this.app = app;
        BaseUrl = $"http://127.0.0.1:{port}";
        published.Add(NewKey("key-1"));
    }

    public string BaseUrl { get; }

    public string Issuer => $"{BaseUrl}/{TenantId}/v2.0";

    public string MetadataAddress => $"{Issuer}/.well-known/openid-configuration";

    /// <summary>How many times the metadata document was read (the authenticator caches it).</summary>
    public int MetadataReads { get; private set; }

    public static async Task<LocalOpenIdProvider> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new LocalOpenIdProvider(app, port);
        app.MapGet($"/{TenantId}/v2.0/.well-known/openid-configuration", () =>
        {
            provider.MetadataReads++;
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = provider.Issuer,
                ["jwks_uri"] = $"{provider.BaseUrl}/{TenantId}/discovery/v2.0/keys",
                ["token_endpoint"] = $"{provider.BaseUrl}/{TenantId}/oauth2/v2.0/token",
                ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            });
        });
        app.MapGet($"/{TenantId}/discovery/v2.0/keys", () => Results.Text(provider.Jwks(), "application/json"));
        await app.StartAsync();
        return provider;
    }

    /// <summary>Publishes a new signing key next to the old ones and returns it.</summary>
    public RsaSecurityKey Rotate()
    {
        var key = NewKey($"key-{published.Count + 1}");
        published.Add(key);
        return key;
    }

    public RsaSecurityKey CurrentKey => published[^1];

    /// <summary>A key the tenant never published.</summary>
    public static RsaSecurityKey StrangerKey() => NewKey("stranger");

    /// <summary>An access token; by default for this API, from this tenant, valid for an hour, with the operator role.</summary>
    public string Token(
        string? audience = null,
        string? issuer = null,
        TimeSpan? expiresIn = null,
        string[]? roles = null,
        string[]? groups = null,
        RsaSecurityKey? key = null,
        string oid = "99999999-0000-0000-0000-000000000001")
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var claims = new Dictionary<string, object> { ["oid"] = oid, ["tid"] = TenantId, ["ver"] = "2.0" };
        if ((roles ?? ["Voice.Operator"]) is { Length: > 0 } r)
        {
            claims["roles"] = r;
        }

        if (groups is { Length: > 0 })
        {
            claims["groups"] = groups;
        }

        return tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? ClientId,
            IssuedAt = expires < now ? expires - TimeSpan.FromHours(1) : now,
            NotBefore = expires < now ? expires - TimeSpan.FromHours(1) : now,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? CurrentKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static RsaSecurityKey NewKey(string id) => new(RSA.Create(2048)) { KeyId = id };

    private string Jwks() => JsonSerializer.Serialize(new
    {
        keys = published.Select(k =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(k);
            return new { kty = "RSA", use = "sig", kid = k.KeyId, n = jwk.N, e = jwk.E, alg = "RS256" };
        }),
    });
}

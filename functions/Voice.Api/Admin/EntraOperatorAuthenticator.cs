using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Voice.Api.Admin;

/// <summary>
/// Authenticates operators of the admin API in Azure by Microsoft Entra ID access tokens (JWT bearer): signature
/// against the signing keys of the tenant's OpenID metadata, the metadata's issuer, the API's audience and the
/// token's lifetime. A valid token is an operator's when it carries the operator app role or the operator group
/// (403 otherwise); the audit names them by object id. Never a tenant key: those are not JWTs and fail (401).
/// </summary>
/// <remarks>
/// The metadata is cached by <see cref="ConfigurationManager{T}"/> (refreshed every 12 h). A token that names a key
/// the cache lacks — Entra rolled its keys — has the metadata read again at once, at most once a minute so made-up
/// key ids cannot turn every request into a metadata fetch; the manager itself refreshes in the background, so the
/// fresh copy is kept until it has caught up. Metadata is read through the
/// <see cref="Voice.OutboundHttp.OutboundHttpClients.EntraMetadata"/> client, which retries transient failures.
/// </remarks>
public sealed class EntraOperatorAuthenticator : IOperatorAuthenticator
{
    private static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromMinutes(1);
    private readonly EntraOperatorOptions options;
    private readonly HttpDocumentRetriever retriever;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> metadata;
    private readonly JsonWebTokenHandler tokens = new() { MapInboundClaims = false };
    private readonly TimeProvider clock;
    private OpenIdConnectConfiguration? refreshed;
    private long lastForcedRefreshTicks;

    public EntraOperatorAuthenticator(EntraOperatorOptions options, HttpClient metadataClient, TimeProvider? clock = null)
    {
        this.options = options;
        this.clock = clock ?? TimeProvider.System;

        // Entra serves its metadata over https; only a loopback address (a test's) may use http.
        retriever = new HttpDocumentRetriever(metadataClient) { RequireHttps = !new Uri(options.Metadata).IsLoopback };
        metadata = new ConfigurationManager<OpenIdConnectConfiguration>(options.Metadata, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public async Task<OperatorAuthentication> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return OperatorAuthentication.Unauthenticated("the admin API needs 'Authorization: Bearer <Microsoft Entra ID access token>'");
        }

        var token = header["Bearer ".Length..].Trim();
        var configuration = await metadata.GetConfigurationAsync(cancellationToken);
        var result = await ValidateAsync(token, configuration);
        if (!result.IsValid && NamesUnknownKey(token, configuration) && await RefreshedAsync(cancellationToken) is { } fresh)
        {
            result = await ValidateAsync(token, fresh);
        }

        if (!result.IsValid)
        {
            return OperatorAuthentication.Unauthenticated("the bearer token is not valid: " + Why(result.Exception));
        }

        var identity = result.ClaimsIdentity;
        var isOperator = identity.FindAll("roles").Any(c => c.Value == options.OperatorRole)
            || (options.OperatorGroupId is { } group && identity.FindAll("groups").Any(c => string.Equals(c.Value, group, StringComparison.OrdinalIgnoreCase)));
        if (!isOperator)
        {
            return OperatorAuthentication.Forbidden(
                $"the token carries neither the '{options.OperatorRole}' app role nor membership of the operator group");
        }

        var who = Claim(identity, "oid") ?? Claim(identity, "sub") ?? "unknown";
        return OperatorAuthentication.Operator("operator:" + who);
    }

    /// <summary>The metadata read again now (at most once a minute), else the last copy read that way.</summary>
    private async Task<OpenIdConnectConfiguration?> RefreshedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref lastForcedRefreshTicks);
        if (now - last < ForcedRefreshInterval.Ticks || Interlocked.CompareExchange(ref lastForcedRefreshTicks, now, last) != last)
        {
            return refreshed;
        }

        refreshed = await OpenIdConnectConfigurationRetriever.GetAsync(options.Metadata, retriever, cancellationToken);
        metadata.RequestRefresh();
        return refreshed;
    }

    /// <summary>True when the token's header names a key id the metadata does not list (a key newer than the cache).</summary>
    private bool NamesUnknownKey(string token, OpenIdConnectConfiguration configuration) =>
        tokens.CanReadToken(token)
        && tokens.ReadJsonWebToken(token).Kid is { Length: > 0 } kid
        && !configuration.SigningKeys.Any(k => k.KeyId == kid);

    private Task<TokenValidationResult> ValidateAsync(string token, OpenIdConnectConfiguration configuration) =>
        tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudiences = options.Audiences,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        });

    private static string? Claim(ClaimsIdentity identity, string type) => identity.FindFirst(type)?.Value;

    /// <summary>What was wrong, in a few words: enough for an operator to fix it, nothing from inside the token.</summary>
    private static string Why(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenNotYetValidException => "it is not valid yet",
        SecurityTokenInvalidAudienceException => "it is not for this API (audience)",
        SecurityTokenInvalidIssuerException => "it is not from this tenant (issuer)",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify",
        SecurityTokenNoExpirationException => "it has no expiry",
        _ => "it is not a well-formed signed JWT",
    };
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Configuration;

/// <summary>
/// Key Vault's secrets REST contract served over HTTPS on 127.0.0.1 (Key Vault itself cannot run here): the bearer
/// challenge on the first request, then <c>GET /secrets/{name}[/{version}]</c> with the token. A self-signed
/// certificate made per instance; <see cref="ClientOptions"/> trusts exactly that certificate.
/// </summary>
public sealed class LoopbackKeyVault : IAsyncDisposable
{
    public const string Token = "test-access-token";

    private readonly WebApplication app;
    private readonly X509Certificate2 certificate;

    private LoopbackKeyVault(WebApplication app, X509Certificate2 certificate, int port)
    {
        this.app = app;
        this.certificate = certificate;
        Uri = new Uri($"https://127.0.0.1:{port}/");
    }

    public Uri Uri { get; }

    /// <summary>Requests that carried the expected bearer token.</summary>
    public int AuthorizedRequests { get; private set; }

    /// <summary>Client options that trust this vault's certificate and do not retry (failures show at once).</summary>
    public SecretClientOptions ClientOptions
    {
        get
        {
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            };
            var options = new SecretClientOptions { Transport = new HttpClientTransport(handler), DisableChallengeResourceVerification = true };
            options.Retry.MaxRetries = 0;
            return options;
        }
    }

    public static async Task<LoopbackKeyVault> StartAsync(IReadOnlyDictionary<string, string> secrets)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var vault = new LoopbackKeyVault(app, certificate, port);
        app.Run(context => vault.AnswerAsync(context, secrets));
        await app.StartAsync();
        return vault;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
    }

    private async Task AnswerAsync(HttpContext context, IReadOnlyDictionary<string, string> secrets)
    {
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate =
                "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001\", resource=\"https://vault.azure.net\"";
            return;
        }

        AuthorizedRequests++;
        var segments = context.Request.Path.Value!.Trim('/').Split('/');
        context.Response.ContentType = "application/json";
        if (segments is ["secrets", var name, ..] && secrets.TryGetValue(name, out var value))
        {
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
            {
                ["value"] = value,
                ["id"] = $"{Uri}secrets/{name}/0123456789abcdef",
                ["attributes"] = new Dictionary<string, object> { ["enabled"] = true },
            });
            return;
        }

        context.Response.StatusCode = 404;
        await context.Response.WriteAsync("""{"error":{"code":"SecretNotFound","message":"A secret with this name was not found"}}""");
    }
}

/// <summary>The managed identity's stand-in: a fixed access token for the loopback vault.</summary>
public sealed class FixedTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(LoopbackKeyVault.Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Voice.Api.Admin;
using Voice.OutboundHttp;
using Voice.Storage;

namespace Voice.Api.Tests.Admin;

/// <summary>
/// The admin API's Microsoft Entra ID validation against a tenant served on 127.0.0.1 (<see cref="LocalOpenIdProvider"/>):
/// metadata and JWKS over HTTP, RSA-signed tokens; what an operator's token needs, and the 401/403 of the others.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EntraOperatorAuthenticatorTests : IAsyncLifetime
{
    private const string OperatorGroup = "77777777-0000-0000-0000-00000000abcd";
    private readonly ApiFixture api;
    private LocalOpenIdProvider provider = null!;
    private readonly ServiceProvider clients = new ServiceCollection().AddEntraMetadataHttpClient().BuildServiceProvider();
    private EntraOperatorAuthenticator authenticator = null!;

    public EntraOperatorAuthenticatorTests(ApiFixture api)
    {
        this.api = api;
    }

    public async Task InitializeAsync()
    {
        provider = await LocalOpenIdProvider.StartAsync();
        authenticator = new EntraOperatorAuthenticator(new EntraOperatorOptions
        {
            TenantId = LocalOpenIdProvider.TenantId,
            ClientId = LocalOpenIdProvider.ClientId,
            OperatorGroupId = OperatorGroup,
            MetadataAddress = provider.MetadataAddress,
        }, clients.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.EntraMetadata));
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await clients.DisposeAsync();
    }

    [Fact]
    public async Task A_token_of_the_tenant_for_this_api_with_the_operator_role_is_an_operator_named_by_object_id()
    {
        var result = await AuthenticateAsync(provider.Token(oid: "oid-of-alice"));

        Assert.Equal("operator:oid-of-alice", result.Caller?.Actor);
    }

    [Fact]
    public async Task Membership_of_the_operator_group_is_enough_without_the_role_and_api_uri_audiences_are_accepted()
    {
        var result = await AuthenticateAsync(provider.Token(roles: [], groups: ["00000000-0000-0000-0000-000000000001", OperatorGroup], audience: "api://" + LocalOpenIdProvider.ClientId));

        Assert.NotNull(result.Caller);
    }

    [Fact]
    public async Task A_valid_token_without_the_role_or_group_is_403()
    {
        var result = await AuthenticateAsync(provider.Token(roles: ["Voice.Reader"], groups: ["00000000-0000-0000-0000-000000000002"]));

        Assert.Equal(StatusCodes.Status403Forbidden, result.Status);
        Assert.Contains("'Voice.Operator' app role", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audience", "audience")]
    [InlineData("expired", "expired")]
    [InlineData("issuer", "issuer")]
    [InlineData("unknown key", "signature")]
    [InlineData("tenant key", "well-formed")]
    [InlineData("tampered", "signature")]
    public async Task A_token_that_does_not_validate_is_401_saying_why(string what, string reason)
    {
        var token = what switch
        {
            "audience" => provider.Token(audience: "api://some-other-api"),
            "expired" => provider.Token(expiresIn: TimeSpan.FromMinutes(-10)),
            "issuer" => provider.Token(issuer: "https://login.microsoftonline.com/another-tenant/v2.0"),
            "unknown key" => provider.Token(key: LocalOpenIdProvider.StrangerKey()),
            "tenant key" => api.KeyA,
            _ => Tampered(provider.Token(roles: [])),
        };

        var result = await AuthenticateAsync(token);

        Assert.Equal(StatusCodes.Status401Unauthorized, result.Status);
        Assert.Contains(reason, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_bearer_header_it_is_401()
    {
        var context = new DefaultHttpContext();

        var result = await authenticator.AuthenticateAsync(context.Request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status401Unauthorized, result.Status);
    }

    [Fact]
    public async Task After_a_key_rollover_a_token_signed_with_the_new_key_validates_by_reading_the_metadata_again()
    {
        Assert.NotNull((await AuthenticateAsync(provider.Token())).Caller);
        var reads = provider.MetadataReads;

        provider.Rotate();
        var rolled = await AuthenticateAsync(provider.Token());

        Assert.NotNull(rolled.Caller);
        Assert.True(provider.MetadataReads > reads);
    }

    [Fact]
    public async Task Through_the_admin_pipeline_an_operator_lists_accounts_and_others_get_401_or_403_in_the_error_shape()
    {
        var ok = await ListAccountsAsync(provider.Token());
        var expired = await ListAccountsAsync(provider.Token(expiresIn: TimeSpan.FromMinutes(-10)));
        var noRole = await ListAccountsAsync(provider.Token(roles: []));

        Assert.Equal(200, ok.Status);
        Assert.Contains(ok.Body.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("id").GetString() == api.AccountA);
        Assert.Equal((401, "unauthorized", "Bearer"), (expired.Status, expired.Body.GetProperty("error").GetProperty("code").GetString(), expired.Challenge));
        Assert.Equal((403, "forbidden"), (noRole.Status, noRole.Body.GetProperty("error").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_host_without_operator_authentication_answers_503_admin_not_configured()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(api.Services.GetRequiredService<AccountRepository>()).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        await (await AdminAccountsApi.ListAccounts(context)).ExecuteAsync(context);

        Assert.Equal(503, context.Response.StatusCode);
    }

    private static string Tampered(string token)
    {
        // Same header and signature, a payload that grants the role: the signature no longer matches.
        var parts = token.Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("\"ver\"", "\"roles\":[\"Voice.Operator\"],\"ver\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    private Task<OperatorAuthentication> AuthenticateAsync(string token)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + token;
        return authenticator.AuthenticateAsync(context.Request, CancellationToken.None);
    }

    private async Task<(int Status, JsonElement Body, string Challenge)> ListAccountsAsync(string token)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IOperatorAuthenticator>(authenticator)
            .AddSingleton(api.Services.GetRequiredService<AccountRepository>())
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Authorization = "Bearer " + token;
        var body = new MemoryStream();
        context.Response.Body = body;

        await (await AdminAccountsApi.ListAccounts(context)).ExecuteAsync(context);

        return (context.Response.StatusCode, JsonDocument.Parse(body.ToArray()).RootElement.Clone(), context.Response.Headers.WWWAuthenticate.ToString());
    }
}

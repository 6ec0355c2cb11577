using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Voice.MediaNode.Configuration;

namespace Voice.MediaNode.Tests.Configuration;

/// <summary>MediaNode__Trunk__PasswordSecretUri: the trunk password read from Key Vault's REST contract over HTTPS.</summary>
public sealed class TrunkPasswordFromKeyVaultTests
{
    [Fact]
    public async Task The_trunk_password_is_read_from_the_secret_at_start()
    {
        await using var vault = await LoopbackKeyVault.StartAsync(new Dictionary<string, string> { ["trunk-password"] = "s3cret!" });
        var options = Options($"{vault.Uri}secrets/trunk-password", password: null);

        await Loader(options, vault).StartAsync(CancellationToken.None);

        Assert.Equal("s3cret!", options.Value.Trunk.Password);
        Assert.Equal(1, vault.AuthorizedRequests);
    }

    [Fact]
    public async Task A_versioned_secret_uri_reads_that_version()
    {
        await using var vault = await LoopbackKeyVault.StartAsync(new Dictionary<string, string> { ["trunk-password"] = "v2" });

        var value = await new KeyVaultSecretReader(new FixedTokenCredential(), vault.ClientOptions)
            .ReadAsync(new Uri($"{vault.Uri}secrets/trunk-password/0123456789abcdef"), CancellationToken.None);

        Assert.Equal("v2", value);
    }

    [Fact]
    public async Task An_explicit_password_wins_and_the_vault_is_not_asked()
    {
        await using var vault = await LoopbackKeyVault.StartAsync(new Dictionary<string, string> { ["trunk-password"] = "from-vault" });
        var options = Options($"{vault.Uri}secrets/trunk-password", password: "explicit");

        await Loader(options, vault).StartAsync(CancellationToken.None);

        Assert.Equal("explicit", options.Value.Trunk.Password);
        Assert.Equal(0, vault.AuthorizedRequests);
    }

    [Fact]
    public async Task A_missing_secret_stops_the_start_naming_the_setting_and_the_status()
    {
        await using var vault = await LoopbackKeyVault.StartAsync(new Dictionary<string, string>());
        var options = Options($"{vault.Uri}secrets/trunk-password", password: null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Loader(options, vault).StartAsync(CancellationToken.None));

        Assert.StartsWith("MediaNode__Trunk__PasswordSecretUri", error.Message, StringComparison.Ordinal);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Null(options.Value.Trunk.Password);
    }

    [Theory]
    [InlineData("https://kv.vault.azure.net/keys/k")]
    [InlineData("https://kv.vault.azure.net/secrets/")]
    [InlineData("https://kv.vault.azure.net/secrets/a/b/c")]
    [InlineData("http://kv.vault.azure.net/secrets/a")]
    public async Task A_uri_that_is_not_a_secret_uri_is_refused_without_a_request(string uri)
    {
        var reader = new KeyVaultSecretReader(new FixedTokenCredential());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.ReadAsync(new Uri(uri), CancellationToken.None));

        Assert.Contains("not a Key Vault secret URI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_vault_stops_the_start_with_the_network_error()
    {
        var port = Voice.Testing.FreePorts.Next();
        var options = Options($"https://127.0.0.1:{port}/secrets/trunk-password", password: null);
        var clientOptions = new Azure.Security.KeyVault.Secrets.SecretClientOptions();
        clientOptions.Retry.MaxRetries = 1;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var loader = new TrunkPasswordLoader(options, new KeyVaultSecretReader(new FixedTokenCredential(), clientOptions), NullLogger<TrunkPasswordLoader>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => loader.StartAsync(CancellationToken.None));

        Assert.StartsWith("MediaNode__Trunk__PasswordSecretUri: Key Vault secret", error.Message, StringComparison.Ordinal);
    }

    private static IOptions<MediaNodeOptions> Options(string secretUri, string? password) =>
        Microsoft.Extensions.Options.Options.Create(new MediaNodeOptions { Trunk = { Username = "trunkuser", Password = password, PasswordSecretUri = secretUri } });

    private static TrunkPasswordLoader Loader(IOptions<MediaNodeOptions> options, LoopbackKeyVault vault) =>
        new(options, new KeyVaultSecretReader(new FixedTokenCredential(), vault.ClientOptions), NullLogger<TrunkPasswordLoader>.Instance);
}

using Voice.Api.Telnyx;

namespace Voice.Telnyx.Tests;

/// <summary>Each account's webhook key pair: published at GET /v2/public_key, stable, one per account, stored in Tables.</summary>
[Collection(TelnyxCollection.Name)]
public sealed class PublicKeyTests
{
    private readonly TelnyxFixture telnyx;

    public PublicKeyTests(TelnyxFixture telnyx)
    {
        this.telnyx = telnyx;
    }

    [Fact]
    public async Task The_public_key_is_the_accounts_stable_and_differs_between_accounts()
    {
        var first = await PublicKeyAsync(telnyx.KeyA);
        var again = await PublicKeyAsync(telnyx.ReadOnlyKeyA);
        var other = await PublicKeyAsync(telnyx.KeyB);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(32, Convert.FromBase64String(first).Length);
        var stored = await telnyx.Services.GetRequiredService<TelnyxSigningKeyStore>().GetOrCreateAsync(TelnyxFixture.AccountA, default);
        Assert.Equal(first, stored.PublicKey);
    }

    [Fact]
    public async Task Concurrent_first_uses_agree_on_one_key_pair()
    {
        var store = telnyx.Services.GetRequiredService<TelnyxSigningKeyStore>();
        var account = "ACkey" + Guid.NewGuid().ToString("N")[..10];

        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.GetOrCreateAsync(account, default)));

        Assert.Single(keys.Select(k => k.PrivateKey).Distinct());
        Assert.Equal(keys[0], await store.GetOrCreateAsync(account, default));
    }

    [Fact]
    public async Task The_public_key_needs_a_key_and_never_shows_the_private_key()
    {
        using var anonymous = await telnyx.SendAsync(HttpMethod.Get, "public_key", null);
        using var response = await telnyx.SendAsync(HttpMethod.Get, "public_key", telnyx.KeyA);
        var text = await response.Content.ReadAsStringAsync();
        var stored = await telnyx.Services.GetRequiredService<TelnyxSigningKeyStore>().GetOrCreateAsync(TelnyxFixture.AccountA, default);

        await TelnyxAssert.ErrorAsync(anonymous, 401, "10009");
        Assert.DoesNotContain(stored.PrivateKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("private", text, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> PublicKeyAsync(string key)
    {
        using var response = await telnyx.SendAsync(HttpMethod.Get, "public_key", key);
        var data = await TelnyxAssert.DataAsync(response);
        Assert.Equal("ed25519", data.GetProperty("algorithm").GetString());
        return data.GetProperty("public_key").GetString()!;
    }
}

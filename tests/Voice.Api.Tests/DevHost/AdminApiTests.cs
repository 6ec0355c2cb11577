using System.Net.Http.Headers;
using System.Text;
using Voice.DevHost.Admin;

namespace Voice.Api.Tests.DevHost;

/// <summary>DevHost's admin API over HTTP: the operator's verbs, its own key, and what they do to tenant access.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminApiTests
{
    private const string Admin = "tka_test-admin-key";
    private readonly ApiFixture api;

    public AdminApiTests(ApiFixture api)
    {
        this.api = api;
        api.Services.GetRequiredService<AdminKey>().Set(Admin);
    }

    [Fact]
    public async Task Without_the_admin_key_or_with_a_tenant_key_the_admin_api_is_401()
    {
        using var none = await SendAsync(HttpMethod.Get, "accounts", key: null);
        using var tenant = await SendAsync(HttpMethod.Get, "accounts", api.KeyA);

        await JsonAssert.ErrorAsync(none, 401, "unauthorized");
        await JsonAssert.ErrorAsync(tenant, 401, "unauthorized");
    }

    [Fact]
    public async Task An_operator_creates_an_account_a_number_and_a_scoped_key_that_works_once_and_then_is_revoked()
    {
        using var created = await SendAsync(HttpMethod.Post, "accounts", Admin, """{"name":"Acme"}""");
        Assert.Equal(201, (int)created.StatusCode);
        var accountId = (await JsonAssert.BodyAsync(created)).GetProperty("id").GetString()!;
        var number = UniqueNumbers.Next();
        using (var added = await SendAsync(HttpMethod.Post, $"accounts/{accountId}/numbers", Admin, $$"""{"number":"{{number}}"}"""))
        {
            Assert.Equal(201, (int)added.StatusCode);
        }

        using var keyResponse = await SendAsync(HttpMethod.Post, $"accounts/{accountId}/keys", Admin, """{"name":"ci","scopes":["numbers:read"]}""");
        var keyBody = await JsonAssert.BodyAsync(keyResponse);
        var key = keyBody.GetProperty("key").GetString()!;
        var keyId = keyBody.GetProperty("id").GetString()!;

        using (var numbers = await api.SendAsync(HttpMethod.Get, "numbers", key))
        {
            Assert.Equal(number, (await JsonAssert.BodyAsync(numbers)).GetProperty("numbers")[0].GetProperty("number").GetString());
        }

        using (var listed = await SendAsync(HttpMethod.Get, $"accounts/{accountId}/keys", Admin))
        {
            Assert.False((await JsonAssert.BodyAsync(listed)).GetProperty("keys")[0].TryGetProperty("key", out _));
        }

        using (var revoked = await SendAsync(HttpMethod.Delete, $"accounts/{accountId}/keys/{keyId}", Admin))
        {
            Assert.Equal(204, (int)revoked.StatusCode);
        }

        using var after = await api.SendAsync(HttpMethod.Get, "numbers", key);
        await JsonAssert.ErrorAsync(after, 401, "unauthorized");
    }

    [Fact]
    public async Task Disabling_an_account_refuses_its_keys_at_once_and_enabling_restores_them()
    {
        var accountId = "ACadm" + Guid.NewGuid().ToString("N")[..8];
        var key = await TestAccounts.SeedAsync(api.Services, accountId);

        (await SendAsync(HttpMethod.Post, $"accounts/{accountId}/disable", Admin)).Dispose();
        using (var disabled = await api.SendAsync(HttpMethod.Get, "calls", key))
        {
            await JsonAssert.ErrorAsync(disabled, 401, "unauthorized");
        }

        (await SendAsync(HttpMethod.Post, $"accounts/{accountId}/enable", Admin)).Dispose();
        using var enabled = await api.SendAsync(HttpMethod.Get, "calls", key);
        Assert.Equal(200, (int)enabled.StatusCode);
    }

    [Fact]
    public async Task A_number_another_account_owns_cannot_be_added_and_unknown_scopes_are_named()
    {
        using var taken = await SendAsync(HttpMethod.Post, $"accounts/{api.AccountB}/numbers", Admin, $$"""{"number":"{{ApiFixture.NumberA1}}"}""");
        using var scope = await SendAsync(HttpMethod.Post, $"accounts/{api.AccountB}/keys", Admin, """{"name":"x","scopes":["calls:read","everything"]}""");

        await JsonAssert.ErrorAsync(taken, 409, "number_owned_elsewhere", "number");
        await JsonAssert.ErrorAsync(scope, 400, "invalid_parameter", "scopes[1]");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(api.Http.BaseAddress!, AdminApi.Route + "/" + path));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        }

        return await api.Http.SendAsync(request);
    }
}

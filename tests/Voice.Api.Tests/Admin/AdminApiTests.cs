using System.Net.Http.Headers;
using System.Text;
using Voice.Api.Admin;
using Voice.DevHost.Admin;

namespace Voice.Api.Tests.Admin;

/// <summary>The admin API over HTTP in DevHost (its local key): the operator's verbs and what they do to tenant access and routing.</summary>
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

    [Fact]
    public async Task An_operator_assigns_a_number_to_an_application_unassigns_it_and_releases_it_so_that_it_no_longer_routes()
    {
        var (accountId, number) = await NewAccountWithNumberAsync();
        var applicationId = await CreateApplicationAsync(accountId, """{"name":"ivr","answer_url":"https://example.com/answer"}""");

        using (var assigned = await SendAsync(HttpMethod.Patch, $"accounts/{accountId}/numbers/{number}", Admin, $$"""{"application_id":"{{applicationId}}"}"""))
        {
            Assert.Equal(applicationId, (await JsonAssert.BodyAsync(assigned)).GetProperty("application_id").GetString());
        }

        Assert.Equal("https://example.com/answer", (await Resolver().ResolveAsync(number, CancellationToken.None)).AnswerUrl);
        using (var unassigned = await SendAsync(HttpMethod.Patch, $"accounts/{accountId}/numbers/{number}", Admin, """{"application_id":""}"""))
        {
            Assert.False((await JsonAssert.BodyAsync(unassigned)).TryGetProperty("application_id", out _));
        }

        using (var released = await SendAsync(HttpMethod.Delete, $"accounts/{accountId}/numbers/{number}", Admin))
        {
            Assert.Equal(204, (int)released.StatusCode);
        }

        using var again = await SendAsync(HttpMethod.Delete, $"accounts/{accountId}/numbers/{number}", Admin);
        using var listed = await SendAsync(HttpMethod.Get, $"accounts/{accountId}/numbers", Admin);
        using var readded = await SendAsync(HttpMethod.Post, $"accounts/{api.AccountB}/numbers", Admin, $$"""{"number":"{{number}}"}""");
        await JsonAssert.ErrorAsync(again, 404, "not_found");
        Assert.Equal(0, (await JsonAssert.BodyAsync(listed)).GetProperty("numbers").GetArrayLength());
        Assert.Equal(201, (int)readded.StatusCode);
        Assert.Equal("not_found", (await Resolver().ResolveAsync(number, CancellationToken.None)).RejectReason);
        (await SendAsync(HttpMethod.Delete, $"accounts/{api.AccountB}/numbers/{number}", Admin)).Dispose();
    }

    [Fact]
    public async Task Assigning_another_accounts_application_or_an_unowned_number_is_refused_with_the_field_named()
    {
        var (accountId, number) = await NewAccountWithNumberAsync();
        var foreign = await CreateApplicationAsync(api.AccountB, """{"name":"b's","answer_url":"https://example.com/b"}""");

        using var otherAccounts = await SendAsync(HttpMethod.Patch, $"accounts/{accountId}/numbers/{number}", Admin, $$"""{"application_id":"{{foreign}}"}""");
        using var missingField = await SendAsync(HttpMethod.Patch, $"accounts/{accountId}/numbers/{number}", Admin, "{}");
        using var unowned = await SendAsync(HttpMethod.Patch, $"accounts/{accountId}/numbers/{ApiFixture.NumberB1}", Admin, $$"""{"application_id":"{{foreign}}"}""");
        using var noAccount = await SendAsync(HttpMethod.Patch, $"accounts/ACnosuch/numbers/{number}", Admin, $$"""{"application_id":"{{foreign}}"}""");

        await JsonAssert.ErrorAsync(otherAccounts, 400, "invalid_parameter", "application_id");
        await JsonAssert.ErrorAsync(missingField, 400, "missing_parameter", "application_id");
        await JsonAssert.ErrorAsync(unowned, 404, "not_found");
        await JsonAssert.ErrorAsync(noAccount, 404, "not_found");
    }

    [Fact]
    public async Task An_operator_creates_shows_updates_lists_and_deletes_an_application_with_the_tenant_apis_fields_and_checks()
    {
        var (accountId, number) = await NewAccountWithNumberAsync();
        var host = $"op{Guid.NewGuid():N}"[..12] + ".example.com";
        using var created = await SendAsync(
            HttpMethod.Post, $"accounts/{accountId}/applications", Admin, $$"""{"name":"desk","answer_url":"https://example.com/a","sip_uris":["sip:desk@{{host}}"]}""");
        var application = await JsonAssert.BodyAsync(created);
        var id = application.GetProperty("id").GetString()!;
        Assert.Equal(201, (int)created.StatusCode);
        Assert.Equal($"/v1/admin/accounts/{accountId}/applications/{id}", created.Headers.Location?.OriginalString);

        using (var changed = await SendAsync(HttpMethod.Patch, $"accounts/{accountId}/applications/{id}", Admin, """{"event_url":"https://example.com/e","answer_method":"POST"}"""))
        {
            var body = await JsonAssert.BodyAsync(changed);
            Assert.Equal(("https://example.com/e", "POST", "https://example.com/a"), (body.GetProperty("event_url").GetString(), body.GetProperty("answer_method").GetString(), body.GetProperty("answer_url").GetString()));
        }

        using var invalid = await SendAsync(HttpMethod.Patch, $"accounts/{accountId}/applications/{id}", Admin, """{"answer_url":"ftp://example.com"}""");
        using var shown = await SendAsync(HttpMethod.Get, $"accounts/{accountId}/applications/{id}", Admin);
        using var listed = await SendAsync(HttpMethod.Get, $"accounts/{accountId}/applications", Admin);
        using var elsewhere = await SendAsync(HttpMethod.Get, $"accounts/{api.AccountB}/applications/{id}", Admin);
        await JsonAssert.ErrorAsync(invalid, 400, "invalid_parameter", "answer_url");
        Assert.Equal("https://example.com/e", (await JsonAssert.BodyAsync(shown)).GetProperty("event_url").GetString());
        Assert.Equal(id, (await JsonAssert.BodyAsync(listed)).GetProperty("applications")[0].GetProperty("id").GetString());
        await JsonAssert.ErrorAsync(elsewhere, 404, "not_found");

        (await SendAsync(HttpMethod.Patch, $"accounts/{accountId}/numbers/{number}", Admin, $$"""{"application_id":"{{id}}"}""")).Dispose();
        using (var inUse = await SendAsync(HttpMethod.Delete, $"accounts/{accountId}/applications/{id}", Admin))
        {
            await JsonAssert.ErrorAsync(inUse, 409, "application_in_use");
        }

        (await SendAsync(HttpMethod.Patch, $"accounts/{accountId}/numbers/{number}", Admin, """{"application_id":""}""")).Dispose();
        using var deleted = await SendAsync(HttpMethod.Delete, $"accounts/{accountId}/applications/{id}", Admin);
        using var gone = await SendAsync(HttpMethod.Get, $"accounts/{accountId}/applications/{id}", Admin);
        Assert.Equal(204, (int)deleted.StatusCode);
        await JsonAssert.ErrorAsync(gone, 404, "not_found");
    }

    [Fact]
    public async Task A_sip_uri_or_domain_another_application_answers_is_409_and_a_number_shaped_sip_user_is_400()
    {
        var host = $"d{Guid.NewGuid():N}"[..12] + ".example.com";
        var first = await CreateApplicationAsync(api.AccountA, $$"""{"name":"one","answer_url":"https://example.com/1","sip_uris":["sip:sales@{{host}}"]}""");

        using var sameUri = await SendAsync(HttpMethod.Post, $"accounts/{api.AccountA}/applications", Admin, $$"""{"name":"two","sip_uris":["sips:sales@{{host.ToUpperInvariant()}}:5061"]}""");
        using var foreignDomain = await SendAsync(HttpMethod.Post, $"accounts/{api.AccountB}/applications", Admin, $$"""{"name":"b","sip_uris":["sip:{{host}}"]}""");
        using var numberUser = await SendAsync(HttpMethod.Post, $"accounts/{api.AccountA}/applications", Admin, $$"""{"name":"n","sip_uris":["sip:x@{{host}}","sip:+15550100001@{{host}}"]}""");
        using var twice = await SendAsync(HttpMethod.Post, $"accounts/{api.AccountA}/applications", Admin, $$"""{"name":"t","sip_uris":["sip:a@{{host}}","sip:a@{{host}};transport=tcp"]}""");

        await JsonAssert.ErrorAsync(sameUri, 409, "sip_uri_taken", "sip_uris[0]");
        await JsonAssert.ErrorAsync(foreignDomain, 409, "sip_uri_taken", "sip_uris[0]");
        await JsonAssert.ErrorAsync(numberUser, 400, "invalid_parameter", "sip_uris[1]");
        await JsonAssert.ErrorAsync(twice, 400, "invalid_parameter", "sip_uris[1]");

        // Dropping the address frees it for another application.
        (await SendAsync(HttpMethod.Patch, $"accounts/{api.AccountA}/applications/{first}", Admin, """{"sip_uris":[]}""")).Dispose();
        using var freed = await SendAsync(HttpMethod.Post, $"accounts/{api.AccountB}/applications", Admin, $$"""{"name":"b2","answer_url":"https://example.com/b2","sip_uris":["sip:sales@{{host}}"]}""");
        Assert.Equal(201, (int)freed.StatusCode);
    }

    private Voice.Engine.Accounts.InboundRouteResolver Resolver() => api.Services.GetRequiredService<Voice.Engine.Accounts.InboundRouteResolver>();

    private async Task<(string AccountId, string Number)> NewAccountWithNumberAsync()
    {
        using var created = await SendAsync(HttpMethod.Post, "accounts", Admin, """{"name":"Numbers Inc"}""");
        var accountId = (await JsonAssert.BodyAsync(created)).GetProperty("id").GetString()!;
        var number = UniqueNumbers.Next();
        using var added = await SendAsync(HttpMethod.Post, $"accounts/{accountId}/numbers", Admin, $$"""{"number":"{{number}}"}""");
        Assert.Equal(201, (int)added.StatusCode);
        return (accountId, number);
    }

    private async Task<string> CreateApplicationAsync(string accountId, string json)
    {
        using var created = await SendAsync(HttpMethod.Post, $"accounts/{accountId}/applications", Admin, json);
        Assert.Equal(201, (int)created.StatusCode);
        return (await JsonAssert.BodyAsync(created)).GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(api.Http.BaseAddress!, "/" + AdminApi.Route + "/" + path));
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

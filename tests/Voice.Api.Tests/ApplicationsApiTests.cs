using System.Security.Cryptography;
using System.Text.Json;
using Voice.Core.Accounts;
using Voice.Storage;

namespace Voice.Api.Tests;

/// <summary><c>/v1/voice/applications</c> over real HTTP and Azurite, each test in accounts of its own.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApplicationsApiTests
{
    private readonly ApiFixture api;

    public ApplicationsApiTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task Create_returns_201_with_location_and_every_field_and_get_returns_the_same()
    {
        var (key, _) = await NewAccountAsync();

        using var created = await api.SendAsync(HttpMethod.Post, "applications", key, """
            {"name":"IVR","answer_url":"https://example.com/answer","answer_method":"POST","event_url":"https://example.com/events",
             "fallback_url":"https://example.com/fallback","sip_uris":["sip:support@example.com"]}
            """);

        Assert.Equal(201, (int)created.StatusCode);
        var body = await JsonAssert.BodyAsync(created);
        var id = body.GetProperty("id").GetString()!;
        Assert.StartsWith("AP", id, StringComparison.Ordinal);
        Assert.Equal($"/v1/voice/applications/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("telefon", body.GetProperty("dialect").GetString());
        Assert.Equal("fetch", body.GetProperty("inbound").GetString());
        Assert.Equal("POST", body.GetProperty("answer_method").GetString());
        Assert.Equal("POST", body.GetProperty("event_method").GetString());
        Assert.Equal("sip:support@example.com", body.GetProperty("sip_uris")[0].GetString());
        Assert.False(body.TryGetProperty("telnyx", out _));
        JsonAssert.IsRfc3339Utc(body.GetProperty("date_created"));

        using var fetched = await api.SendAsync(HttpMethod.Get, $"applications/{id}", key);
        Assert.Equal(body.GetRawText(), (await JsonAssert.BodyAsync(fetched)).GetRawText());
    }

    [Fact]
    public async Task A_telnyx_application_parks_inbound_calls_and_keeps_its_settings()
    {
        var (key, _) = await NewAccountAsync();

        using var created = await api.SendAsync(HttpMethod.Post, "applications", key, """
            {"name":"cc","dialect":"telnyx","telnyx":{"webhook_event_url":"https://example.com/telnyx","webhook_event_failover_url":"https://example.com/f",
             "webhook_api_version":"2","webhook_timeout_secs":10,"first_command_timeout_secs":30}}
            """);

        var body = await JsonAssert.BodyAsync(created);
        Assert.Equal("park", body.GetProperty("inbound").GetString());
        var telnyx = body.GetProperty("telnyx");
        Assert.Equal("https://example.com/telnyx", telnyx.GetProperty("webhook_event_url").GetString());
        Assert.Equal(10, telnyx.GetProperty("webhook_timeout_secs").GetInt32());
        Assert.Equal(30, telnyx.GetProperty("first_command_timeout_secs").GetInt32());
    }

    [Fact]
    public async Task A_vonage_application_takes_a_2048_bit_public_key_and_refuses_a_1024_bit_one_naming_the_element()
    {
        var (key, _) = await NewAccountAsync();
        using var strong = RSA.Create(2048);
        using var weak = RSA.Create(1024);

        using var accepted = await api.SendAsync(HttpMethod.Post, "applications", key, JsonSerializer.Serialize(new
        {
            name = "v",
            dialect = "vonage",
            vonage = new { public_keys = new[] { strong.ExportSubjectPublicKeyInfoPem() }, signed_callbacks = true },
        }));
        using var refused = await api.SendAsync(HttpMethod.Post, "applications", key, JsonSerializer.Serialize(new
        {
            name = "v",
            dialect = "vonage",
            vonage = new { public_keys = new[] { strong.ExportSubjectPublicKeyInfoPem(), weak.ExportSubjectPublicKeyInfoPem() } },
        }));

        Assert.Equal(201, (int)accepted.StatusCode);
        Assert.True((await JsonAssert.BodyAsync(accepted)).GetProperty("vonage").GetProperty("signed_callbacks").GetBoolean());
        await JsonAssert.ErrorAsync(refused, 400, "invalid_parameter", "vonage.public_keys[1]");
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"answer_url":"https://example.com"}""", "name" },
        { """{"name":""}""", "name" },
        { """{"name":"x","dialect":"twilio"}""", "dialect" },
        { """{"name":"x","answer_url":"ftp://example.com"}""", "answer_url" },
        { """{"name":"x","answer_method":"PUT"}""", "answer_method" },
        { """{"name":"x","event_url":"not a url"}""", "event_url" },
        { """{"name":"x","event_method":"get"}""", "event_method" },
        { """{"name":"x","fallback_url":7}""", "fallback_url" },
        { """{"name":"x","inbound":"ring"}""", "inbound" },
        { """{"name":"x","sip_uris":["sip:ok@example.com","tel:+1555"]}""", "sip_uris[1]" },
        { """{"name":"x","sip_uris":"sip:a@b"}""", "sip_uris" },
        { """{"name":"x","telnyx":[]}""", "telnyx" },
        { """{"name":"x","telnyx":{"webhook_event_url":"nope"}}""", "telnyx.webhook_event_url" },
        { """{"name":"x","telnyx":{"webhook_api_version":"3"}}""", "telnyx.webhook_api_version" },
        { """{"name":"x","telnyx":{"webhook_timeout_secs":31}}""", "telnyx.webhook_timeout_secs" },
        { """{"name":"x","vonage":{"public_keys":["not a key"]}}""", "vonage.public_keys[0]" },
        { """{"name":"x","vonage":{"signed_callbacks":"yes"}}""", "vonage.signed_callbacks" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Every_invalid_field_is_a_400_naming_it(string json, string field)
    {
        var (key, _) = await NewAccountAsync();

        using var response = await api.SendAsync(HttpMethod.Post, "applications", key, json);

        await JsonAssert.ErrorAsync(response, 400, field == "name" && !json.Contains("\"name\"", StringComparison.Ordinal) ? "missing_parameter" : "invalid_parameter", field);
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_given_and_an_empty_url_removes_it()
    {
        var (key, _) = await NewAccountAsync();
        var id = await CreateAsync(key, """{"name":"a","answer_url":"https://example.com/a","event_url":"https://example.com/e"}""");

        using var patched = await api.SendAsync(HttpMethod.Patch, $"applications/{id}", key, """{"name":"b","event_url":""}""");

        var body = await JsonAssert.BodyAsync(patched);
        Assert.Equal(200, (int)patched.StatusCode);
        Assert.Equal("b", body.GetProperty("name").GetString());
        Assert.Equal("https://example.com/a", body.GetProperty("answer_url").GetString());
        Assert.False(body.TryGetProperty("event_url", out _));
    }

    [Fact]
    public async Task Patch_with_an_invalid_field_names_it_and_changes_nothing()
    {
        var (key, _) = await NewAccountAsync();
        var id = await CreateAsync(key, """{"name":"a"}""");

        using var patched = await api.SendAsync(HttpMethod.Patch, $"applications/{id}", key, """{"name":"b","answer_method":"HEAD"}""");
        using var fetched = await api.SendAsync(HttpMethod.Get, $"applications/{id}", key);

        await JsonAssert.ErrorAsync(patched, 400, "invalid_parameter", "answer_method");
        Assert.Equal("a", (await JsonAssert.BodyAsync(fetched)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task List_shows_only_the_accounts_applications_newest_first()
    {
        var (key, _) = await NewAccountAsync();
        var (otherKey, _) = await NewAccountAsync();
        var first = await CreateAsync(key, """{"name":"first"}""");
        var second = await CreateAsync(key, """{"name":"second"}""");
        await CreateAsync(otherKey, """{"name":"other"}""");

        using var response = await api.SendAsync(HttpMethod.Get, "applications", key);

        var body = await JsonAssert.BodyAsync(response);
        Assert.Equal(2, body.GetProperty("total").GetInt32());
        Assert.Equal([second, first], body.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Another_accounts_application_is_404_for_get_patch_and_delete()
    {
        var (key, _) = await NewAccountAsync();
        var (otherKey, _) = await NewAccountAsync();
        var id = await CreateAsync(otherKey, """{"name":"theirs"}""");

        using var get = await api.SendAsync(HttpMethod.Get, $"applications/{id}", key);
        using var patch = await api.SendAsync(HttpMethod.Patch, $"applications/{id}", key, """{"name":"mine"}""");
        using var delete = await api.SendAsync(HttpMethod.Delete, $"applications/{id}", key);
        using var stillThere = await api.SendAsync(HttpMethod.Get, $"applications/{id}", otherKey);

        await JsonAssert.ErrorAsync(get, 404, "not_found");
        await JsonAssert.ErrorAsync(patch, 404, "not_found");
        await JsonAssert.ErrorAsync(delete, 404, "not_found");
        Assert.Equal("theirs", (await JsonAssert.BodyAsync(stillThere)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_is_204_then_404_and_is_refused_with_409_while_a_number_uses_the_application()
    {
        var (key, number) = await NewAccountAsync();
        var id = await CreateAsync(key, """{"name":"a"}""");
        using (var assign = await api.SendAsync(HttpMethod.Patch, $"numbers/{number}", key, $$"""{"application_id":"{{id}}"}"""))
        {
            Assert.Equal(200, (int)assign.StatusCode);
        }

        using (var inUse = await api.SendAsync(HttpMethod.Delete, $"applications/{id}", key))
        {
            await JsonAssert.ErrorAsync(inUse, 409, "application_in_use");
        }

        using (var release = await api.SendAsync(HttpMethod.Patch, $"numbers/{number}", key, """{"application_id":""}"""))
        {
            Assert.Equal(200, (int)release.StatusCode);
        }

        using var deleted = await api.SendAsync(HttpMethod.Delete, $"applications/{id}", key);
        using var again = await api.SendAsync(HttpMethod.Delete, $"applications/{id}", key);
        Assert.Equal(204, (int)deleted.StatusCode);
        await JsonAssert.ErrorAsync(again, 404, "not_found");
    }

    [Fact]
    public async Task Creating_updating_and_deleting_are_audited_with_the_key_that_did_it()
    {
        var accountId = "ACau" + Guid.NewGuid().ToString("N")[..8];
        await TestAccounts.SeedAsync(api.Services, accountId);
        var (key, keyId) = await TestAccounts.KeyWithScopesAsync(api.Services, accountId, ApiScopes.ApplicationsWrite);
        var id = await CreateAsync(key, """{"name":"a"}""");
        (await api.SendAsync(HttpMethod.Patch, $"applications/{id}", key, """{"name":"b"}""")).Dispose();
        (await api.SendAsync(HttpMethod.Delete, $"applications/{id}", key)).Dispose();

        var entries = await api.Services.GetRequiredService<AuditLogRepository>().ListAsync(accountId);

        Assert.Equal(["application.deleted", "application.updated", "application.created"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("key:" + keyId, id), (e.Actor, e.Target)));
    }

    [Theory]
    [InlineData("GET", "applications", ApiScopes.ApplicationsRead)]
    [InlineData("POST", "applications", ApiScopes.ApplicationsWrite)]
    [InlineData("GET", "applications/AP7fffffffffffffff0000000000000000", ApiScopes.ApplicationsRead)]
    [InlineData("PATCH", "applications/AP7fffffffffffffff0000000000000000", ApiScopes.ApplicationsWrite)]
    [InlineData("DELETE", "applications/AP7fffffffffffffff0000000000000000", ApiScopes.ApplicationsWrite)]
    [InlineData("GET", "numbers", ApiScopes.NumbersRead)]
    [InlineData("GET", "numbers/+15550100001", ApiScopes.NumbersRead)]
    [InlineData("PATCH", "numbers/+15550100001", ApiScopes.NumbersWrite)]
    public async Task A_key_without_the_routes_scope_gets_403_naming_it(string method, string path, string scope)
    {
        var (key, _) = await TestAccounts.KeyWithScopesAsync(api.Services, api.AccountA, [.. ApiScopes.All.Where(s => s != scope)]);

        using var response = await api.SendAsync(new HttpMethod(method), path, key, method is "POST" or "PATCH" ? "{}" : null);

        await JsonAssert.ErrorAsync(response, 403, "forbidden");
        Assert.Contains($"'{scope}'", (await JsonAssert.BodyAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> CreateAsync(string key, string json)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "applications", key, json);
        Assert.Equal(201, (int)response.StatusCode);
        return (await JsonAssert.BodyAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>A fresh account with one number of its own; returns its key (every scope) and the number.</summary>
    private async Task<(string Key, string Number)> NewAccountAsync()
    {
        var number = UniqueNumbers.Next();
        var key = await TestAccounts.SeedAsync(api.Services, "ACap" + Guid.NewGuid().ToString("N")[..8], number);
        return (key, number);
    }
}

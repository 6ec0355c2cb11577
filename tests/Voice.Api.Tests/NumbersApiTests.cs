using Voice.Storage;

namespace Voice.Api.Tests;

/// <summary><c>/v1/voice/numbers</c> over real HTTP and Azurite, each test in accounts of its own.</summary>
[Collection(ApiCollection.Name)]
public sealed class NumbersApiTests
{
    private readonly ApiFixture api;

    public NumbersApiTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task List_shows_the_accounts_numbers_only()
    {
        var (key, numbers) = await NewAccountAsync(2);
        await NewAccountAsync(1);

        using var response = await api.SendAsync(HttpMethod.Get, "numbers", key);

        var body = await JsonAssert.BodyAsync(response);
        Assert.Equal(2, body.GetProperty("total").GetInt32());
        Assert.Equal(numbers.Order(StringComparer.Ordinal), body.GetProperty("numbers").EnumerateArray().Select(n => n.GetProperty("number").GetString()));
        JsonAssert.HasExactly(body.GetProperty("numbers")[0], "number", "date_created");
    }

    [Fact]
    public async Task Patch_assigns_an_application_and_sets_the_numbers_own_urls_and_get_shows_them()
    {
        var (key, numbers) = await NewAccountAsync(1);
        var applicationId = await CreateApplicationAsync(key);

        using var patched = await api.SendAsync(HttpMethod.Patch, $"numbers/{numbers[0]}", key, $$"""
            {"application_id":"{{applicationId}}","answer_url":"https://example.com/a","status_callback":"https://example.com/s"}
            """);
        using var fetched = await api.SendAsync(HttpMethod.Get, $"numbers/{Uri.EscapeDataString(numbers[0])}", key);

        Assert.Equal(200, (int)patched.StatusCode);
        var body = await JsonAssert.BodyAsync(fetched);
        Assert.Equal(applicationId, body.GetProperty("application_id").GetString());
        Assert.Equal("https://example.com/a", body.GetProperty("answer_url").GetString());
        Assert.Equal("https://example.com/s", body.GetProperty("status_callback").GetString());
        var route = await api.Services.GetRequiredService<PhoneNumberRepository>().FindRouteAsync(numbers[0]);
        Assert.Equal(applicationId, route?.ApplicationId);
    }

    [Fact]
    public async Task Another_accounts_application_cannot_be_assigned_and_is_reported_like_a_missing_one()
    {
        var (key, numbers) = await NewAccountAsync(1);
        var (otherKey, _) = await NewAccountAsync(1);
        var theirs = await CreateApplicationAsync(otherKey);

        using var response = await api.SendAsync(HttpMethod.Patch, $"numbers/{numbers[0]}", key, $$"""{"application_id":"{{theirs}}"}""");
        using var missing = await api.SendAsync(HttpMethod.Patch, $"numbers/{numbers[0]}", key, """{"application_id":"AP7fffffffffffffff0000000000000000"}""");

        await JsonAssert.ErrorAsync(response, 400, "invalid_parameter", "application_id");
        await JsonAssert.ErrorAsync(missing, 400, "invalid_parameter", "application_id");
    }

    [Theory]
    [InlineData("""{"answer_url":"ftp://x"}""", "answer_url")]
    [InlineData("""{"status_callback":"nope"}""", "status_callback")]
    [InlineData("""{"application_id":5}""", "application_id")]
    public async Task Every_invalid_field_is_a_400_naming_it(string json, string field)
    {
        var (key, numbers) = await NewAccountAsync(1);

        using var response = await api.SendAsync(HttpMethod.Patch, $"numbers/{numbers[0]}", key, json);

        await JsonAssert.ErrorAsync(response, 400, "invalid_parameter", field);
    }

    [Fact]
    public async Task Another_accounts_number_an_unowned_number_and_a_non_number_are_404_never_403()
    {
        var (key, _) = await NewAccountAsync(1);
        var (_, theirs) = await NewAccountAsync(1);

        foreach (var path in new[] { $"numbers/{theirs[0]}", "numbers/+15559999999", "numbers/not-a-number" })
        {
            using var get = await api.SendAsync(HttpMethod.Get, path, key);
            using var patch = await api.SendAsync(HttpMethod.Patch, path, key, """{"answer_url":"https://example.com/steal"}""");
            await JsonAssert.ErrorAsync(get, 404, "not_found");
            await JsonAssert.ErrorAsync(patch, 404, "not_found");
        }

        var route = await api.Services.GetRequiredService<PhoneNumberRepository>().FindRouteAsync(theirs[0]);
        Assert.Null(route?.AnswerUrl);
    }

    [Fact]
    public async Task A_number_change_is_audited()
    {
        var accountId = "ACnu" + Guid.NewGuid().ToString("N")[..8];
        var number = UniqueNumbers.Next();
        var key = await TestAccounts.SeedAsync(api.Services, accountId, number);

        (await api.SendAsync(HttpMethod.Patch, $"numbers/{number}", key, """{"answer_url":"https://example.com/a"}""")).Dispose();

        var entry = Assert.Single(await api.Services.GetRequiredService<AuditLogRepository>().ListAsync(accountId));
        Assert.Equal(("number.updated", number), (entry.Action, entry.Target));
    }

    private async Task<string> CreateApplicationAsync(string key)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "applications", key, """{"name":"app","answer_url":"https://example.com/answer"}""");
        return (await JsonAssert.BodyAsync(response)).GetProperty("id").GetString()!;
    }

    private async Task<(string Key, string[] Numbers)> NewAccountAsync(int count)
    {
        var numbers = Enumerable.Range(0, count).Select(_ => UniqueNumbers.Next()).ToArray();
        var key = await TestAccounts.SeedAsync(api.Services, "ACnm" + Guid.NewGuid().ToString("N")[..8], numbers);
        return (key, numbers);
    }
}

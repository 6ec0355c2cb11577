using System.Net;
using Voice.Storage;

namespace Voice.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ConferenceTests
{
    private readonly ApiFixture api;

    public ConferenceTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task Create_without_a_body_gets_201_with_defaults()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "conferences", api.KeyA);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var conference = await JsonAssert.BodyAsync(response);
        JsonAssert.HasExactly(conference, "id", "status", "participant_count", "date_created");
        Assert.StartsWith("CF", conference.GetProperty("id").GetString());
        Assert.Equal("init", conference.GetProperty("status").GetString());
        Assert.Equal(0, conference.GetProperty("participant_count").GetInt32());
        JsonAssert.IsRfc3339Utc(conference.GetProperty("date_created"));
        Assert.Equal($"/v1/voice/conferences/{conference.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        var stored = await api.Services.GetRequiredService<ConferenceRepository>().Table.GetAsync(api.AccountA, conference.GetProperty("id").GetString()!);
        Assert.Equal(250, stored!.Value.MaxParticipants);
        Assert.False(stored.Value.Record);
    }

    [Fact]
    public async Task Create_with_fields_stores_them()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "conferences", api.KeyA, """{"friendly_name":"Weekly sync","max_participants":2,"record":true}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var conference = await JsonAssert.BodyAsync(response);
        Assert.Equal("Weekly sync", conference.GetProperty("friendly_name").GetString());
        var stored = await api.Services.GetRequiredService<ConferenceRepository>().Table.GetAsync(api.AccountA, conference.GetProperty("id").GetString()!);
        Assert.Equal(2, stored!.Value.MaxParticipants);
        Assert.True(stored.Value.Record);
    }

    [Fact]
    public async Task Create_with_an_empty_object_uses_defaults()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "conferences", api.KeyA, "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"max_participants":1}""", "max_participants")]
    [InlineData("""{"max_participants":251}""", "max_participants")]
    [InlineData("""{"max_participants":"10"}""", "max_participants")]
    [InlineData("""{"record":"no"}""", "record")]
    [InlineData("""{"friendly_name":5}""", "friendly_name")]
    public async Task Invalid_field_gets_400_naming_it(string body, string field)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "conferences", api.KeyA, body);

        await JsonAssert.ErrorAsync(response, 400, "invalid_parameter", field);
    }

    [Fact]
    public async Task Friendly_name_over_128_characters_gets_400()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "conferences", api.KeyA, $$"""{"friendly_name":"{{new string('n', 129)}}"}""");

        await JsonAssert.ErrorAsync(response, 400, "invalid_parameter", "friendly_name");
    }

    [Fact]
    public async Task Create_with_malformed_json_gets_400_and_wrong_type_415()
    {
        using var malformed = await api.SendAsync(HttpMethod.Post, "conferences", api.KeyA, "{");
        using var wrongType = await api.SendAsync(HttpMethod.Post, "conferences", api.KeyA, "{}", "text/plain");

        await JsonAssert.ErrorAsync(malformed, 400, "invalid_json");
        await JsonAssert.ErrorAsync(wrongType, 415, "unsupported_media_type");
    }

    [Fact]
    public async Task List_returns_the_accounts_conferences_newest_first_and_no_others()
    {
        using var a1 = await api.SendAsync(HttpMethod.Post, "conferences", api.KeyB, """{"friendly_name":"first"}""");
        using var a2 = await api.SendAsync(HttpMethod.Post, "conferences", api.KeyB, """{"friendly_name":"second"}""");
        var first = (await JsonAssert.BodyAsync(a1)).GetProperty("id").GetString();
        var second = (await JsonAssert.BodyAsync(a2)).GetProperty("id").GetString();

        using var listB = await api.SendAsync(HttpMethod.Get, "conferences", api.KeyB);
        using var listA = await api.SendAsync(HttpMethod.Get, "conferences?page_size=100", api.KeyA);

        var bodyB = await JsonAssert.BodyAsync(listB);
        JsonAssert.HasExactly(bodyB, "conferences", "total");
        var idsB = bodyB.GetProperty("conferences").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(second, idsB[0]);
        Assert.Equal(first, idsB[1]);
        var idsA = (await JsonAssert.BodyAsync(listA)).GetProperty("conferences").EnumerateArray().Select(c => c.GetProperty("id").GetString());
        Assert.DoesNotContain(first, idsA);
    }

    [Fact]
    public async Task List_rejects_a_page_size_over_100()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "conferences?page_size=101", api.KeyA);

        await JsonAssert.ErrorAsync(response, 400, "invalid_parameter", "page_size");
    }
}

using System.Text.Json;
using Voice.Core.Accounts;
using Voice.Engine.Accounts;
using Voice.Storage;

namespace Voice.Telnyx.Tests;

/// <summary>Call control applications and connections on the account model, over HTTP.</summary>
[Collection(TelnyxCollection.Name)]
public sealed class CallControlApplicationsTests
{
    private readonly TelnyxFixture telnyx;

    public CallControlApplicationsTests(TelnyxFixture telnyx)
    {
        this.telnyx = telnyx;
    }

    [Fact]
    public async Task A_created_application_is_a_telnyx_application_record_that_parks_inbound_calls_with_its_settings()
    {
        var created = await CreateAsync("""{"application_name":"records","webhook_event_url":"https://example.com/e","webhook_api_version":"1","tags":["a"]}""");
        var id = created.GetProperty("id").GetString()!;

        var record = await telnyx.Services.GetRequiredService<ApplicationRepository>().GetAsync(TelnyxFixture.AccountA, id);
        Assert.NotNull(record);
        Assert.Equal(ApplicationDialect.Telnyx, record.Dialect);
        Assert.Equal(InboundBehaviour.Park, record.Inbound);
        Assert.Equal("records", record.Name);
        Assert.Equal("https://example.com/e", record.Telnyx!.WebhookEventUrl);
        Assert.Equal("1", record.Telnyx.WebhookApiVersion);
        Assert.Equal(["a"], record.Telnyx.Tags);
        Assert.Equal(id, (await TelnyxAssert.DataAsync(await telnyx.SendAsync(HttpMethod.Get, "connections/" + id, telnyx.KeyA))).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"webhook_event_url":"https://example.com"}""", "10004", "/application_name")]
    [InlineData("""{"application_name":"x"}""", "10004", "/webhook_event_url")]
    [InlineData("""{"application_name":"","webhook_event_url":"https://example.com"}""", "10015", "/application_name")]
    [InlineData("""{"application_name":7,"webhook_event_url":"https://example.com"}""", "10015", "/application_name")]
    [InlineData("""{"application_name":"x","webhook_event_url":"ftp://example.com"}""", "10015", "/webhook_event_url")]
    [InlineData("""{"application_name":"x","webhook_event_url":""}""", "10015", "/webhook_event_url")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","webhook_event_failover_url":"nope"}""", "10015", "/webhook_event_failover_url")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","webhook_api_version":2}""", "10015", "/webhook_api_version")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","webhook_timeout_secs":0}""", "10015", "/webhook_timeout_secs")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","first_command_timeout_secs":121}""", "10015", "/first_command_timeout_secs")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","first_command_timeout":"yes"}""", "10015", "/first_command_timeout")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","active":1}""", "10015", "/active")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","anchorsite_override":"Mars"}""", "10015", "/anchorsite_override")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","tags":"a"}""", "10015", "/tags")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","inbound":[]}""", "10015", "/inbound")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","inbound":{"sip_subdomain":"a.b"}}""", "10015", "/inbound/sip_subdomain")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","inbound":{"sip_subdomain_receive_settings":"all"}}""", "10015", "/inbound/sip_subdomain_receive_settings")]
    [InlineData("""{"application_name":"x","webhook_event_url":"https://example.com","outbound":{"channel_limit":0}}""", "10015", "/outbound/channel_limit")]
    public async Task Every_invalid_field_is_422_naming_its_json_pointer(string json, string code, string jsonPointer)
    {
        using var response = await telnyx.SendAsync(HttpMethod.Post, "call_control_applications", telnyx.KeyA, json);

        await TelnyxAssert.ErrorAsync(response, 422, code, jsonPointer: jsonPointer);
    }

    [Fact]
    public async Task A_patch_changes_the_fields_given_and_null_clears_the_optional_ones()
    {
        var id = (await CreateAsync("""{"application_name":"patch","webhook_event_url":"https://example.com/e","webhook_event_failover_url":"https://example.com/f","webhook_timeout_secs":5}""")).GetProperty("id").GetString()!;

        using var response = await telnyx.SendAsync(HttpMethod.Patch, "call_control_applications/" + id, telnyx.KeyA, """{"webhook_event_failover_url":null,"webhook_timeout_secs":null,"dtmf_type":"SIP INFO"}""");
        var patched = await TelnyxAssert.DataAsync(response);

        Assert.Equal("patch", patched.GetProperty("application_name").GetString());
        Assert.Equal("https://example.com/e", patched.GetProperty("webhook_event_url").GetString());
        Assert.False(patched.TryGetProperty("webhook_event_failover_url", out _));
        Assert.False(patched.TryGetProperty("webhook_timeout_secs", out _));
        Assert.Equal("SIP INFO", patched.GetProperty("dtmf_type").GetString());
    }

    [Fact]
    public async Task Another_accounts_application_and_a_telefon_application_are_404_under_v2()
    {
        var id = (await CreateAsync("""{"application_name":"mine","webhook_event_url":"https://example.com/e"}""")).GetProperty("id").GetString()!;
        var telefon = await telnyx.Services.GetRequiredService<ApplicationService>().CreateAsync(
            TelnyxFixture.AccountA, "test", a => a with { Name = "telefon app", AnswerUrl = "https://example.com/answer" }, default);

        using var other = await telnyx.SendAsync(HttpMethod.Get, "call_control_applications/" + id, telnyx.KeyB);
        using var otherDelete = await telnyx.SendAsync(HttpMethod.Delete, "call_control_applications/" + id, telnyx.KeyB);
        using var notTelnyx = await telnyx.SendAsync(HttpMethod.Get, "call_control_applications/" + telefon.Id, telnyx.KeyA);
        using var notConnection = await telnyx.SendAsync(HttpMethod.Get, "connections/" + telefon.Id, telnyx.KeyA);
        using var list = await telnyx.SendAsync(HttpMethod.Get, "call_control_applications?page[size]=250", telnyx.KeyB);

        await TelnyxAssert.ErrorAsync(other, 404, "10005");
        await TelnyxAssert.ErrorAsync(otherDelete, 404, "10005");
        await TelnyxAssert.ErrorAsync(notTelnyx, 404, "10005");
        await TelnyxAssert.ErrorAsync(notConnection, 404, "10005");
        Assert.DoesNotContain(
            (await TelnyxAssert.DataAsync(list)).EnumerateArray(),
            a => a.GetProperty("id").GetString() == id || a.GetProperty("id").GetString() == telefon.Id);
    }

    [Fact]
    public async Task Deleting_an_application_a_number_is_assigned_to_is_422_and_leaves_it()
    {
        var id = (await CreateAsync("""{"application_name":"in use","webhook_event_url":"https://example.com/e"}""")).GetProperty("id").GetString()!;
        var number = "+1555030" + Random.Shared.Next(1000, 9999);
        await telnyx.Services.GetRequiredService<PhoneNumberRepository>().UpsertAsync(
            new PhoneNumberRecord { AccountId = TelnyxFixture.AccountA, Number = number, ApplicationId = id, CreatedAt = DateTimeOffset.UtcNow });

        using var refused = await telnyx.SendAsync(HttpMethod.Delete, "call_control_applications/" + id, telnyx.KeyA);
        using var still = await telnyx.SendAsync(HttpMethod.Get, "call_control_applications/" + id, telnyx.KeyA);

        var error = await TelnyxAssert.ErrorAsync(refused, 422, "10015");
        Assert.Contains(number, error.GetProperty("detail").GetString());
        Assert.Equal(id, (await TelnyxAssert.DataAsync(still)).GetProperty("id").GetString());
    }

    private async Task<JsonElement> CreateAsync(string json)
    {
        using var response = await telnyx.SendAsync(HttpMethod.Post, "call_control_applications", telnyx.KeyA, json);
        return await TelnyxAssert.DataAsync(response, 201);
    }
}

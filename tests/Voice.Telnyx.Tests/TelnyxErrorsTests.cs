using System.Net.Http.Headers;

namespace Voice.Telnyx.Tests;

/// <summary>Telnyx's error body and codes over HTTP: auth, scopes, bodies, unknown and unsupported operations.</summary>
[Collection(TelnyxCollection.Name)]
public sealed class TelnyxErrorsTests
{
    private readonly TelnyxFixture telnyx;

    public TelnyxErrorsTests(TelnyxFixture telnyx)
    {
        this.telnyx = telnyx;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tk_unknown")]
    public async Task A_missing_or_unknown_bearer_key_is_401_10009(string? key)
    {
        using var response = await telnyx.SendAsync(HttpMethod.Get, "call_control_applications", key);

        await TelnyxAssert.ErrorAsync(response, 401, "10009");
    }

    [Theory]
    [InlineData("Basic dGs6eA==")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    public async Task An_authorization_header_that_is_not_a_bearer_key_is_401(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/call_control_applications");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await telnyx.Http.SendAsync(request);

        await TelnyxAssert.ErrorAsync(response, 401, "10009");
    }

    [Fact]
    public async Task The_telefon_header_does_not_authenticate_the_telnyx_dialect()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/call_control_applications");
        request.Headers.Add("X-API-Key", telnyx.KeyA);
        using var response = await telnyx.Http.SendAsync(request);

        await TelnyxAssert.ErrorAsync(response, 401, "10009");
    }

    [Fact]
    public async Task A_key_without_the_scope_is_403_10010_naming_it()
    {
        using var response = await telnyx.SendAsync(HttpMethod.Post, "call_control_applications", telnyx.ReadOnlyKeyA, """{"application_name":"x","webhook_event_url":"https://example.com"}""");

        var error = await TelnyxAssert.ErrorAsync(response, 403, "10010");
        Assert.Contains("'applications:write'", error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_body_with_a_json_content_type_is_an_empty_object()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/call_control_applications");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", telnyx.KeyA);
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Content.Headers.ContentLength = 0;
        using var response = await telnyx.Http.SendAsync(request);

        await TelnyxAssert.ErrorAsync(response, 422, "10004", jsonPointer: "/application_name");
    }

    [Theory]
    [InlineData("{\"application_name\":")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"a\":1}}")]
    public async Task Malformed_json_or_a_body_that_is_not_an_object_is_400_10023(string json)
    {
        using var response = await telnyx.SendAsync(HttpMethod.Post, "call_control_applications", telnyx.KeyA, json);

        await TelnyxAssert.ErrorAsync(response, 400, "10023");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_in_telnyx_shape()
    {
        using var response = await telnyx.SendAsync(HttpMethod.Post, "call_control_applications", telnyx.KeyA, "application_name=x", "application/x-www-form-urlencoded");

        await TelnyxAssert.ErrorAsync(response, 415, "10015");
    }

    [Fact]
    public async Task A_body_over_64_kib_is_413_in_telnyx_shape()
    {
        var json = "{\"application_name\":\"" + new string('a', 70 * 1024) + "\"}";
        using var response = await telnyx.SendAsync(HttpMethod.Post, "call_control_applications", telnyx.KeyA, json);

        await TelnyxAssert.ErrorAsync(response, 413, "10015");
    }

    [Fact]
    public async Task A_seed_operation_we_do_not_implement_is_501_90501_naming_it_and_telling_the_sdk_not_to_retry()
    {
        using var response = await telnyx.SendAsync(HttpMethod.Post, "calls/v3:abc_DEF-1.2~3/actions/siprec_start", telnyx.KeyA, "{}");

        var error = await TelnyxAssert.ErrorAsync(response, 501, "90501");
        Assert.Contains("POST /v2/calls/{call_control_id}/actions/siprec_start (StartSiprecSession", error.GetProperty("detail").GetString());
        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
    }

    [Theory]
    [InlineData("GET", "no_such_thing")]
    [InlineData("PUT", "call_control_applications")]
    [InlineData("DELETE", "connections")]
    [InlineData("GET", "calls/v3:abc/actions/answer")]
    public async Task Anything_else_under_v2_is_404_10005(string method, string path)
    {
        using var response = await telnyx.SendAsync(new HttpMethod(method), path, telnyx.KeyA);

        await TelnyxAssert.ErrorAsync(response, 404, "10005");
    }

    [Fact]
    public async Task Ids_with_colons_reach_their_route_and_an_unknown_one_is_404_10005()
    {
        using var application = await telnyx.SendAsync(HttpMethod.Get, "call_control_applications/v3:abc", telnyx.KeyA);
        using var calls = await telnyx.SendAsync(HttpMethod.Get, "connections/v3:abc/active_calls", telnyx.KeyA);
        using var odd = await telnyx.SendAsync(HttpMethod.Get, "connections/a%23b", telnyx.KeyA);

        await TelnyxAssert.ErrorAsync(application, 404, "10005");
        await TelnyxAssert.ErrorAsync(calls, 404, "10005");
        await TelnyxAssert.ErrorAsync(odd, 404, "10005");
    }

    [Fact]
    public async Task A_malformed_list_query_is_400_naming_the_parameter()
    {
        using var size = await telnyx.SendAsync(HttpMethod.Get, "call_control_applications?page[size]=0", telnyx.KeyA);
        using var bracket = await telnyx.SendAsync(HttpMethod.Get, "connections?filter[connection_name=abc", telnyx.KeyA);
        using var shortFilter = await telnyx.SendAsync(HttpMethod.Get, "call_control_applications?filter[application_name][contains]=ab", telnyx.KeyA);

        await TelnyxAssert.ErrorAsync(size, 400, "10015", parameter: "page[size]");
        await TelnyxAssert.ErrorAsync(bracket, 400, "10015", parameter: "filter[connection_name");
        await TelnyxAssert.ErrorAsync(shortFilter, 400, "10015", parameter: "filter[application_name][contains]");
    }
}

using System.Net;
using System.Text.Json;
using Voice.Media.Contracts;

namespace Voice.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CreateCallTests
{
    private readonly ApiFixture api;

    public CreateCallTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task Create_call_returns_201_with_a_queued_outbound_call_and_its_location()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, $$"""{"to":"+14155550123","from":"{{ApiFixture.NumberA1}}"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var call = await JsonAssert.BodyAsync(response);
        JsonAssert.HasExactly(call, "id", "status", "direction", "from", "to");
        var id = call.GetProperty("id").GetString()!;
        Assert.StartsWith("CA", id);
        Assert.Equal("queued", call.GetProperty("status").GetString());
        Assert.Equal("outbound", call.GetProperty("direction").GetString());
        Assert.Equal(ApiFixture.NumberA1, call.GetProperty("from").GetString());
        Assert.Equal("+14155550123", call.GetProperty("to").GetString());
        Assert.Equal($"/v1/voice/calls/{id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Create_call_persists_the_call_so_get_returns_it()
    {
        var id = await CreateAsync("""{"to":"+14155550124","from":"+15550100002","timeout":45,"record":true}""");

        using var response = await api.SendAsync(HttpMethod.Get, $"calls/{id}", api.KeyA);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await JsonAssert.BodyAsync(response);
        Assert.Equal(id, call.GetProperty("id").GetString());
        Assert.Equal("+15550100002", call.GetProperty("from").GetString());
    }

    [Fact]
    public async Task Create_call_starts_its_lifecycle_which_queues_one_dial_command_with_the_call_details()
    {
        var id = await CreateAsync("""{"to":"sip:alice@127.0.0.1:5080","from":"+15550100001","timeout":45,"url":"https://example.com/flow","status_callback":"http://example.com/status"}""");

        var commands = await api.CommandsForAsync(id, c => c.Count > 0, TimeSpan.FromSeconds(20));
        var dial = Assert.IsType<DialCommand>(Assert.Single(commands));
        Assert.Equal(id, dial.CallId);
        Assert.StartsWith(id + ":", dial.Id);
        Assert.Equal("sip:alice@127.0.0.1:5080", dial.To);
        Assert.Equal("+15550100001", dial.From);
        Assert.Equal(45, dial.TimeoutSeconds);
        Assert.Equal(MediaContract.Version, dial.V);
    }

    [Fact]
    public void Dial_command_is_versioned_snake_case_json()
    {
        var json = JsonDocument.Parse(MediaContract.Serialize(new DialCommand { Id = "CAx:c1", CallId = "CAx", To = "+14155550125", From = "+15550100001" })).RootElement;

        Assert.Equal("dial", json.GetProperty("type").GetString());
        Assert.Equal(1, json.GetProperty("v").GetInt32());
        Assert.Equal("CAx", json.GetProperty("call_id").GetString());
        Assert.Equal(30, json.GetProperty("timeout_seconds").GetInt32());
        Assert.Equal("+14155550125", json.GetProperty("to").GetString());
    }

    [Theory]
    [InlineData("""{"from":"+15550100001"}""", "missing_parameter", "to")]
    [InlineData("""{"to":"+14155550123"}""", "missing_parameter", "from")]
    [InlineData("""{"to":null,"from":"+15550100001"}""", "missing_parameter", "to")]
    [InlineData("""{"to":"","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":14155550123,"from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"14155550123","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"+123456","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"+1234567890123456","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"+04155550123","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"+1415555012a","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"sip:","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"sip:bob@exa mple.com","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"sip:bob@host:99999","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"tel:+14155550123","from":"+15550100001"}""", "invalid_parameter", "to")]
    [InlineData("""{"to":"+14155550123","from":"sip:me@example.com"}""", "invalid_parameter", "from")]
    [InlineData("""{"to":"+14155550123","from":"15550100001"}""", "invalid_parameter", "from")]
    [InlineData("""{"to":"+14155550123","from":true}""", "invalid_parameter", "from")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","url":"ftp://example.com/x"}""", "invalid_parameter", "url")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","url":"/relative/path"}""", "invalid_parameter", "url")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","url":"not a url"}""", "invalid_parameter", "url")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","url":42}""", "invalid_parameter", "url")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","status_callback":"mailto:a@b.c"}""", "invalid_parameter", "status_callback")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","timeout":0}""", "invalid_parameter", "timeout")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","timeout":601}""", "invalid_parameter", "timeout")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","timeout":"30"}""", "invalid_parameter", "timeout")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","timeout":30.5}""", "invalid_parameter", "timeout")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","timeout":99999999999}""", "invalid_parameter", "timeout")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","record":"yes"}""", "invalid_parameter", "record")]
    [InlineData("""{"to":"+14155550123","from":"+15550100001","record":1}""", "invalid_parameter", "record")]
    public async Task Invalid_field_gets_400_naming_the_field(string body, string code, string field)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, body);

        await JsonAssert.ErrorAsync(response, 400, code, field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(600)]
    public async Task Timeout_at_the_bounds_is_accepted(int timeout)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, $$"""{"to":"+14155550123","from":"+15550100001","timeout":{{timeout}}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task From_a_number_the_account_does_not_own_gets_422()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, """{"to":"+14155550123","from":"+15559999999"}""");

        await JsonAssert.ErrorAsync(response, 422, "number_not_owned", "from");
    }

    [Fact]
    public async Task From_another_accounts_number_gets_422()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, $$"""{"to":"+14155550123","from":"{{ApiFixture.NumberB1}}"}""");

        await JsonAssert.ErrorAsync(response, 422, "number_not_owned", "from");
    }

    [Fact]
    public async Task Refused_call_is_not_stored()
    {
        using var list = await api.SendAsync(HttpMethod.Get, "calls?page_size=1", api.KeyB);
        var before = (await JsonAssert.BodyAsync(list)).GetProperty("total").GetInt32();

        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyB, """{"to":"+14155550123","from":"+15550100001"}""");

        Assert.Equal(422, (int)response.StatusCode);
        using var after = await api.SendAsync(HttpMethod.Get, "calls?page_size=1", api.KeyB);
        Assert.Equal(before, (await JsonAssert.BodyAsync(after)).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("{\"to\":", "invalid_json")]
    [InlineData("[1,2]", "invalid_json")]
    [InlineData("\"text\"", "invalid_json")]
    [InlineData("{'to':'x'}", "invalid_json")]
    public async Task Malformed_json_gets_400(string body, string code)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, body);

        await JsonAssert.ErrorAsync(response, 400, code);
    }

    [Fact]
    public async Task Empty_body_gets_400()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, "");

        await JsonAssert.ErrorAsync(response, 400, "invalid_json");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/jsonx")]
    public async Task Wrong_content_type_gets_415(string contentType)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, """{"to":"+14155550123","from":"+15550100001"}""", contentType);

        await JsonAssert.ErrorAsync(response, 415, "unsupported_media_type");
    }

    [Fact]
    public async Task Json_content_type_with_charset_is_accepted()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, """{"to":"+14155550123","from":"+15550100001"}""", "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Body_over_64_KiB_gets_413()
    {
        var padding = new string('x', 64 * 1024);
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, $$"""{"to":"+14155550123","from":"+15550100001","pad":"{{padding}}"}""");

        await JsonAssert.ErrorAsync(response, 413, "payload_too_large");
    }

    [Fact]
    public async Task Chunked_body_over_64_KiB_gets_413()
    {
        var padding = new string('x', 70 * 1024);
        using var request = api.Request(HttpMethod.Post, "calls", api.KeyA);
        request.Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{"pad":"{{padding}}"}""")));
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await api.Http.SendAsync(request);

        await JsonAssert.ErrorAsync(response, 413, "payload_too_large");
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, """{"to":"+14155550123","from":"+15550100001","colour":"blue"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<string> CreateAsync(string body)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAssert.BodyAsync(response)).GetProperty("id").GetString()!;
    }
}

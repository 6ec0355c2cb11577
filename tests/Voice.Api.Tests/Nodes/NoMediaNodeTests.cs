using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Voice.Api.Admin;
using Voice.Api.Telnyx;
using Voice.Api.Vonage;
using Voice.DevHost.Admin;

namespace Voice.Api.Tests.Nodes;

/// <summary>
/// The operator's drain through the admin API, and what a tenant sees when no node has room: 503 with Retry-After and
/// the dialect's error body, and nothing created.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NoMediaNodeTests
{
    private const string Admin = "tka_test-admin-key";
    private readonly ApiFixture api;

    public NoMediaNodeTests(ApiFixture api)
    {
        this.api = api;
        api.Services.GetRequiredService<AdminKey>().Set(Admin);
    }

    [Fact]
    public async Task With_the_only_node_drained_a_new_call_is_503_with_retry_after_and_nothing_is_stored_and_undrain_brings_it_back()
    {
        var node = api.Node.NodeId;
        var before = await CallCountAsync();
        try
        {
            using (var drained = await AdminAsync(HttpMethod.Post, $"nodes/{node}/drain"))
            {
                Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
                Assert.Equal("draining", (await JsonAssert.BodyAsync(drained)).GetProperty("state").GetString());
            }

            using (var listed = await AdminAsync(HttpMethod.Get, "nodes"))
            {
                var mine = (await JsonAssert.BodyAsync(listed)).GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == node);
                Assert.Equal(("draining", true, api.Node.Incarnation), (mine.GetProperty("state").GetString(), mine.GetProperty("fresh").GetBoolean(), mine.GetProperty("incarnation").GetString()));
            }

            using var refused = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, $$"""{"to":"+14155550199","from":"{{ApiFixture.NumberA1}}"}""");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            var error = (await JsonAssert.BodyAsync(refused)).GetProperty("error");
            Assert.Equal("no_media_node", error.GetProperty("code").GetString());
            Assert.Contains("retry after 5 s", error.GetProperty("message").GetString());
            Assert.Equal(before, await CallCountAsync());
        }
        finally
        {
            using var undrained = await AdminAsync(HttpMethod.Post, $"nodes/{node}/undrain");
            Assert.Equal("active", (await JsonAssert.BodyAsync(undrained)).GetProperty("state").GetString());
        }

        using var placed = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA, $$"""{"to":"+14155550199","from":"{{ApiFixture.NumberA1}}"}""");
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
    }

    [Fact]
    public async Task Draining_a_node_the_registry_does_not_hold_is_404()
    {
        using var unknown = await AdminAsync(HttpMethod.Post, "nodes/no-such-node/drain");
        using var malformed = await AdminAsync(HttpMethod.Post, "nodes/NOT_A_NODE/undrain");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.StatusCode, malformed.StatusCode));
        Assert.Equal("not_found", (await JsonAssert.BodyAsync(unknown)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Telnyx_answers_503_90503_in_its_error_list_with_retry_after()
    {
        var (status, retryAfter, body) = await ExecuteAsync(TelnyxResults.NoMediaNode(TimeSpan.FromSeconds(5)));

        Assert.Equal((503, "5"), (status, retryAfter));
        var error = body.GetProperty("errors")[0];
        Assert.Equal(TelnyxErrorCodes.NoMediaNode, error.GetProperty("code").GetString());
        Assert.Contains("no media node has room", error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Vonage_answers_503_problem_json_with_retry_after()
    {
        var (status, retryAfter, body) = await ExecuteAsync(VonageResults.NoMediaNode(TimeSpan.FromSeconds(2.5)));

        Assert.Equal((503, "3"), (status, retryAfter));
        Assert.Equal("Service Unavailable", body.GetProperty("title").GetString());
        Assert.Contains("retry after 3 s", body.GetProperty("detail").GetString());
    }

    private static async Task<(int Status, string? RetryAfter, JsonElement Body)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString(), document.RootElement.Clone());
    }

    private async Task<int> CallCountAsync()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "calls?page_size=1", api.KeyA);
        return (await JsonAssert.BodyAsync(response)).GetProperty("total").GetInt32();
    }

    private async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(api.Http.BaseAddress!, "/" + AdminApi.Route + "/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
        return await api.Http.SendAsync(request);
    }
}

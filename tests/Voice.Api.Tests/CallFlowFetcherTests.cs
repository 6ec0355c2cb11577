using Microsoft.AspNetCore.Http;
using Voice.Core.Lifecycles;
using Voice.Engine.Webhooks;
using Voice.Testing;

namespace Voice.Api.Tests;

/// <summary>
/// The call-flow fetcher as the host builds it (resolved from DevHost's container, whose dev mode allows 127.0.0.1)
/// against a real HTTP server: answers, failures, and its client's retry rule (a GET answered 503 is not repeated).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CallFlowFetcherTests(ApiFixture api)
{
    [Fact]
    public async Task A_GET_answer_url_returns_the_document_with_the_payload_in_the_query()
    {
        await using var server = await WebhookReceiver.StartAsync(async (_, response) =>
        {
            response.ContentType = "application/json";
            await response.WriteAsync("""[{"action":"talk","text":"hi"}]""");
        });

        var signal = await Fetcher.FetchAsync(Fetch(server.Url, "GET"), default);

        Assert.Equal("""[{"action":"talk","text":"hi"}]""", Assert.IsType<CallFlowFetched>(signal).Document);
        Assert.Equal("?uuid=call-1", Assert.Single(server.Requests).Query);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task An_answer_url_answering_503_fails_the_fetch_after_one_request(string method)
    {
        await using var server = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = 503;
            return Task.CompletedTask;
        });

        var signal = await Fetcher.FetchAsync(Fetch(server.Url, method), default);

        Assert.Contains("HTTP 503", Assert.IsType<WebhookFailed>(signal).Reason);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_GET_to_a_port_nobody_listens_on_fails_as_unreachable()
    {
        var signal = await Fetcher.FetchAsync(Fetch($"http://127.0.0.1:{FreePorts.Next()}/answer", "GET"), default);

        Assert.Contains("could not reach", Assert.IsType<WebhookFailed>(signal).Reason);
    }

    private CallFlowFetcher Fetcher => api.Services.GetRequiredService<CallFlowFetcher>();

    private static FetchCallFlow Fetch(string url, string method) => new()
    {
        Id = "e1",
        RequestId = "r1",
        Url = url,
        Method = method,
        PayloadJson = """{"uuid":"call-1"}""",
        Purpose = WebhookPurpose.Answer,
        Attempt = 1,
    };
}

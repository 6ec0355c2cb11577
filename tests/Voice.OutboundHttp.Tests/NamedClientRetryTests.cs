using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Voice.Testing;

namespace Voice.OutboundHttp.Tests;

/// <summary>What each named client retries: transient failures of safe requests only, and never a webhook POST.</summary>
public sealed class NamedClientRetryTests
{
    [Theory]
    [InlineData(OutboundHttpClients.Prompts)]
    [InlineData(OutboundHttpClients.EntraMetadata)]
    public async Task A_transient_503_of_a_GET_is_retried_and_the_second_answer_is_returned(string name)
    {
        var answered = 0;
        await using var receiver = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = Interlocked.Increment(ref answered) == 1 ? 503 : 200;
            return Task.CompletedTask;
        });
        await using var services = ConnectTimeGuardTests.Clients(allowPrivateTargets: true);

        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient(name).GetAsync(receiver.Url);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([503, 200], receiver.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_webhook_POST_answered_503_is_sent_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var services = ConnectTimeGuardTests.Clients(allowPrivateTargets: true);
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.Webhooks);

        using var response = await client.PostAsync(receiver.Url, new StringContent("{}"));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Single(receiver.Requests);
    }

    [Theory]
    [InlineData(OutboundHttpClients.Prompts)]
    [InlineData(OutboundHttpClients.CallFlows)]
    public async Task A_POST_is_never_retried_even_by_clients_that_retry_GETs(string name)
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var services = ConnectTimeGuardTests.Clients(allowPrivateTargets: true);

        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient(name).PostAsync(receiver.Url, new StringContent("{}"));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_call_flow_GET_answered_503_is_not_retried_the_answer_is_the_webhook_failure()
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var services = ConnectTimeGuardTests.Clients(allowPrivateTargets: true);

        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.CallFlows).GetAsync(receiver.Url);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Single(receiver.Requests);
    }

    [Theory]
    [InlineData("GET", "connect", 2)]
    [InlineData("POST", "connect", 1)]
    [InlineData("GET", "refused", 1)]
    [InlineData("GET", "reset", 1)]
    public async Task The_call_flow_rule_tries_once_more_only_a_GET_whose_connection_failed(string method, string failure, int attempts)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(OutboundRetries.ConnectFailure(TimeSpan.Zero)).Build();
        using var request = new HttpRequestMessage(new HttpMethod(method), "http://example.invalid/answer");
        var context = ResilienceContextPool.Shared.Get();
        context.SetRequestMessage(request);
        var tries = 0;

        await Assert.ThrowsAsync<HttpRequestException>(async () => await pipeline.ExecuteAsync<HttpResponseMessage>(_ =>
        {
            tries++;
            throw failure switch
            {
                "connect" => new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)),
                "refused" => new HttpRequestException(HttpRequestError.ConnectionError, "guard", new TargetRefusedException("resolves to no public address")),
                _ => new HttpRequestException(HttpRequestError.ResponseEnded, "reset"),
            };
        }, context));

        Assert.Equal(attempts, tries);
        ResilienceContextPool.Shared.Return(context);
    }
}

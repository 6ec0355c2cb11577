using Microsoft.Extensions.DependencyInjection;
using Voice.Testing;

namespace Voice.OutboundHttp.Tests;

/// <summary>
/// The guard enforced where it counts, when the connection is made: a host name that resolves to loopback is refused
/// even when nobody called <see cref="OutboundTargetGuard.CheckAsync"/> first (as after a DNS rebinding).
/// </summary>
public sealed class ConnectTimeGuardTests
{
    [Fact]
    public async Task A_host_name_resolving_to_loopback_is_refused_at_connect_time_and_nothing_reaches_the_server()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = Clients(allowPrivateTargets: false);
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.Webhooks);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{receiver.Port}/hook"));

        Assert.True(OutboundTargetGuard.IsRefusal(failure), failure.ToString());
        Assert.IsType<TargetRefusedException>(failure.InnerException);
        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData(OutboundHttpClients.Webhooks)]
    [InlineData(OutboundHttpClients.CallFlows)]
    [InlineData(OutboundHttpClients.Prompts)]
    public async Task Every_guarded_client_refuses_a_loopback_literal(string name)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = Clients(allowPrivateTargets: false);
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(receiver.Url));

        Assert.True(OutboundTargetGuard.IsRefusal(failure), failure.ToString());
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task The_dev_switch_lets_a_loopback_host_name_through()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = Clients(allowPrivateTargets: true);
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.Webhooks);

        using var response = await client.GetAsync($"http://localhost:{receiver.Port}/hook");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task The_per_request_option_lets_one_request_through()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = Clients(allowPrivateTargets: false);
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.Webhooks);
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url);
        request.Options.Set(OutboundTargetGuard.AllowPrivateOption, true);

        using var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Single(receiver.Requests);
    }

    internal static ServiceProvider Clients(bool allowPrivateTargets) => new ServiceCollection()
        .AddOutboundTargetGuard(allowPrivateTargets)
        .AddWebhookHttpClient()
        .AddCallFlowHttpClient(TimeSpan.FromSeconds(3))
        .AddPromptHttpClient()
        .AddEntraMetadataHttpClient()
        .BuildServiceProvider();
}

using Microsoft.Extensions.DependencyInjection;
using Voice.Core.Events;
using Voice.Events.Targets;
using Voice.Events.Webhooks;
using Voice.Testing;

namespace Voice.Events.Tests;

public class SsrfGuardTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, string?> ProductionMode = new() { ["Webhooks:AllowPrivateTargets"] = "false" };

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    [InlineData("/relative/hook")]
    [InlineData("http://user:pass@example.com/hook")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://192.168.1.20/hook")]
    [InlineData("http://172.20.0.1/hook")]
    [InlineData("http://169.254.169.254/metadata/instance")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:a9fe:a9fe]/latest/meta-data")]
    [InlineData("http://100.100.100.200/hook")]
    [InlineData("http://0.0.0.0:80/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f.1/hook")]
    public async Task Non_public_or_non_http_target_is_refused(string url)
    {
        var check = await new WebhookTargetGuard(allowPrivateTargets: false).CheckAsync(new Uri(url, UriKind.RelativeOrAbsolute), false, default);

        Assert.False(check.Allowed);
        Assert.NotNull(check.Reason);
    }

    [Theory]
    [InlineData("https://93.184.215.14/hook")]
    [InlineData("http://8.8.8.8:8080/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    public async Task Public_http_target_is_allowed(string url)
    {
        var check = await new WebhookTargetGuard(allowPrivateTargets: false).CheckAsync(new Uri(url), false, default);

        Assert.True(check.Allowed, check.Reason);
    }

    [Fact]
    public async Task Dev_mode_or_account_flag_allows_loopback()
    {
        var loopback = new Uri("http://127.0.0.1:9/hook");

        Assert.True((await new WebhookTargetGuard(allowPrivateTargets: true).CheckAsync(loopback, false, default)).Allowed);
        Assert.True((await new WebhookTargetGuard(allowPrivateTargets: false).CheckAsync(loopback, true, default)).Allowed);
    }

    [Fact]
    public async Task Webhook_to_loopback_is_not_sent_and_is_dead_lettered_as_refused()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite, ProductionMode);
        var voiceEvent = TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, receiver.Url);

        await host.Publisher.PublishAsync([voiceEvent], default);
        var record = await host.DeadLetterAsync(voiceEvent.Id);

        Assert.Empty(receiver.Requests);
        Assert.Equal("NonRetriableFailure", (string?)record["deadLetterReason"]);
        Assert.StartsWith("Target refused", (string?)record["lastDeliveryOutcome"]);
    }

    [Fact]
    public async Task Account_allowed_private_targets_gets_its_loopback_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EventsHost.StartAsync(azurite, ProductionMode, s => s.AddSingleton<IWebhookAccountPolicy>(new AllowingPolicy(TestEvents.AccountId)));

        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, receiver.Url)], default);

        await receiver.WaitForAsync(r => r.Delivered.Count == 1, "the allowed account's webhook");
    }

    [Fact]
    public async Task Local_subscription_on_loopback_is_refused_without_dev_mode()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>(ProductionMode)
        {
            ["LocalEventGrid:Subscriptions:0:Name"] = "internal",
            ["LocalEventGrid:Subscriptions:0:Endpoint"] = receiver.Url,
        };
        await using var host = await EventsHost.StartAsync(azurite, settings);

        await host.Publisher.PublishAsync([TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, webhookUrl: null)], default);

        Assert.Equal(0, host.Delivery.PendingCount);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var target = await WebhookReceiver.StartAsync();
        await using var redirecting = await WebhookReceiver.StartAsync((_, response) =>
        {
            response.StatusCode = 307;
            response.Headers.Location = target.Url;
            return Task.CompletedTask;
        });
        await using var host = await EventsHost.StartAsync(azurite, new Dictionary<string, string?> { ["LocalEventGrid:MaxDeliveryAttempts"] = "2" });
        var voiceEvent = TestEvents.Call(TestEvents.NewCallId(), 1, VoiceEventTypes.CallAnswered, redirecting.Url);

        await host.Publisher.PublishAsync([voiceEvent], default);
        var record = await host.DeadLetterAsync(voiceEvent.Id);

        Assert.Equal(307, (int?)record["lastHttpStatusCode"]);
        Assert.Equal(2, redirecting.Requests.Count);
        Assert.Empty(target.Requests);
    }

    private sealed class AllowingPolicy(string accountId) : IWebhookAccountPolicy
    {
        public ValueTask<bool> AllowsPrivateTargetsAsync(string account, CancellationToken cancellationToken) => ValueTask.FromResult(account == accountId);
    }
}

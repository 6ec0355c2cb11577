using System.Net;
using Microsoft.AspNetCore.Http;
using Voice.Events;
using Voice.Events.Webhooks;
using Voice.Media.Contracts;
using Voice.Testing;

namespace Voice.Api.Tests.Lifecycles;

/// <summary>
/// The functions side of a call, end to end on DevHost: API → lifecycle → media-commands queue; media-events
/// queue → lifecycle → call-flow webhook, status callbacks (signed, in order) and the stored call. The media-node's
/// side of the queues is played by the test.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CallFlowOverQueuesTests
{
    private readonly ApiFixture api;

    public CallFlowOverQueuesTests(ApiFixture api)
    {
        this.api = api;
    }

    [Fact]
    public async Task Answered_call_runs_its_talk_flow_reports_each_status_and_completes_with_a_duration()
    {
        await using var webhooks = await WebhookReceiver.StartAsync(async (request, response) =>
        {
            response.StatusCode = 200;
            if (request.Path == "/answer")
            {
                response.ContentType = "application/json";
                await response.WriteAsync("""[{"action":"talk","text":"Hello from the test"}]""");
            }
        });
        var node = new MediaNodeSimulator(api.Storage);
        var baseUrl = $"http://127.0.0.1:{webhooks.Port}";

        using var created = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA,
            $$"""{"to":"+14155550142","from":"+15550100001","url":"{{baseUrl}}/answer","status_callback":"{{baseUrl}}/status"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAssert.BodyAsync(created)).GetProperty("id").GetString()!;

        var dial = Assert.IsType<DialCommand>(Assert.Single(await api.CommandsForAsync(id, c => c.Count > 0, TimeSpan.FromSeconds(20))));
        Assert.Equal("+14155550142", dial.To);
        await node.SendAsync(new RingingEvent { Id = MediaNodeSimulator.NewId(), CallId = id });
        await node.SendAsync(new AnsweredEvent { Id = MediaNodeSimulator.NewId(), CallId = id });

        var say = (await api.CommandsForAsync(id, c => c.OfType<SayCommand>().Any(), TimeSpan.FromSeconds(30))).OfType<SayCommand>().Single();
        Assert.Equal("Hello from the test", say.Text);
        Assert.Contains(webhooks.Requests, r => r.Method == "GET" && r.Path == "/answer");
        await node.SendAsync(new PlaybackStartedEvent { Id = MediaNodeSimulator.NewId(), CallId = id, CommandId = say.Id });
        await Task.Delay(1100); // so the answered call lasts at least a second
        await node.SendAsync(new PlaybackEndedEvent { Id = MediaNodeSimulator.NewId(), CallId = id, CommandId = say.Id });

        // The flow has no more actions: the call is hung up, as Vonage does.
        var hangup = (await api.CommandsForAsync(id, c => c.OfType<HangupCommand>().Any(), TimeSpan.FromSeconds(30))).OfType<HangupCommand>().Single();
        await node.SendAsync(new HangupEvent { Id = MediaNodeSimulator.NewId(), CallId = id, Cause = "normal", Side = "local", CommandId = hangup.Id });

        var call = (await Eventually.ReturnsAsync(
            async () =>
            {
                using var get = await api.SendAsync(HttpMethod.Get, $"calls/{id}", api.KeyA);
                var body = await JsonAssert.BodyAsync(get);
                return body.GetProperty("status").GetString() == "completed" ? new[] { body } : null;
            },
            "the call to complete"))[0];
        Assert.True(call.GetProperty("duration").GetInt32() >= 1);
        JsonAssert.IsRfc3339Utc(call.GetProperty("start_time"));
        JsonAssert.IsRfc3339Utc(call.GetProperty("end_time"));

        await webhooks.WaitForAsync(w => StatusCallbacks.Statuses(w).Contains("completed"), "the completed status callback");
        Assert.Equal(["queued", "ringing", "in-progress", "completed"], StatusCallbacks.Statuses(webhooks).Distinct());
        var secret = WebhookSigningSecrets.ForAccount(WebhookOptions.DevSigningKey, api.AccountA);
        Assert.All(
            webhooks.Requests.Where(r => r.Path == "/status"),
            r => Assert.Equal(WebhookSignatureResult.Valid, WebhookSignature.Verify(r.Header(WebhookHeaders.Signature), secret, r.Body, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task Call_flow_webhook_that_fails_ends_the_call_and_reports_why()
    {
        await using var webhooks = await WebhookReceiver.StartAsync((request, response) =>
        {
            response.StatusCode = request.Path == "/answer" ? 500 : 200;
            return Task.CompletedTask;
        });
        var node = new MediaNodeSimulator(api.Storage);
        var baseUrl = $"http://127.0.0.1:{webhooks.Port}";
        using var created = await api.SendAsync(HttpMethod.Post, "calls", api.KeyA,
            $$"""{"to":"+14155550143","from":"+15550100001","url":"{{baseUrl}}/answer","status_callback":"{{baseUrl}}/status"}""");
        var id = (await JsonAssert.BodyAsync(created)).GetProperty("id").GetString()!;
        await api.CommandsForAsync(id, c => c.Count > 0, TimeSpan.FromSeconds(20));

        await node.SendAsync(new AnsweredEvent { Id = MediaNodeSimulator.NewId(), CallId = id });

        var hangup = (await api.CommandsForAsync(id, c => c.OfType<HangupCommand>().Any(), TimeSpan.FromSeconds(30))).OfType<HangupCommand>().Single();
        Assert.Equal(2, webhooks.Requests.Count(r => r.Path == "/answer"));
        await node.SendAsync(new HangupEvent { Id = MediaNodeSimulator.NewId(), CallId = id, Cause = "normal", Side = "local", CommandId = hangup.Id });
        await webhooks.WaitForAsync(w => StatusCallbacks.Statuses(w).Contains("completed") || StatusCallbacks.Statuses(w).Contains("failed"), "a final status callback");
    }
}

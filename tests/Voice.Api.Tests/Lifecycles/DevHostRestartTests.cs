using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Voice.DevHost;
using Voice.Media.Contracts;
using Voice.Storage;
using Voice.Testing;

namespace Voice.Api.Tests.Lifecycles;

/// <summary>
/// DevHost stopped in the middle of calls and started again on the same storage: the unfinished lifecycles go on in
/// the Durable task hub, take the events the media-node reported meanwhile, and fire the timers that came due.
/// </summary>
public sealed class DevHostRestartTests : IAsyncLifetime
{
    private const string Account = "ACrestart";
    private const string Number = "+15550300001";
    private readonly AzuriteFixture azurite = new();
    private StorageClients storage = null!;
    private MediaCommandLog commands = null!;
    private string key = "";

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await StorageBootstrap.EnsureCreatedAsync(storage);
        commands = await MediaCommandLog.StartAsync(storage);
    }

    public async Task DisposeAsync()
    {
        await commands.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_talking_call_resumes_after_a_restart_and_completes_on_the_hangup_reported_while_devhost_was_down()
    {
        await using var webhooks = await WebhookReceiver.StartAsync(async (request, response) =>
        {
            response.StatusCode = 200;
            if (request.Path == "/answer")
            {
                response.ContentType = "application/json";
                await response.WriteAsync("""[{"action":"talk","text":"Still there?"}]""");
            }
        });
        var node = new MediaNodeSimulator(storage);
        var url = $"http://127.0.0.1:{webhooks.Port}";
        string id;
        await using (var first = await StartDevHostAsync())
        {
            id = await PlaceCallAsync(first, $$"""{"to":"+14155550142","from":"{{Number}}","url":"{{url}}/answer","status_callback":"{{url}}/status"}""");
            await commands.ForCallAsync(id, c => c.OfType<DialCommand>().Any(), TimeSpan.FromSeconds(20));
            await node.SendAsync(new RingingEvent { Id = MediaNodeSimulator.NewId(), CallId = id });
            await node.SendAsync(new AnsweredEvent { Id = MediaNodeSimulator.NewId(), CallId = id });
            Assert.NotEmpty((await commands.ForCallAsync(id, c => c.OfType<SayCommand>().Any(), TimeSpan.FromSeconds(30))).OfType<SayCommand>());
            Assert.Equal("in-progress", await StatusAsync(first, id));
        }

        // The node saw the far end hang up while DevHost was stopped.
        await node.SendAsync(new HangupEvent { Id = MediaNodeSimulator.NewId(), CallId = id, Cause = "normal", Side = "remote", SipCode = 200 });

        await using var second = await StartDevHostAsync();
        await Eventually.ReturnsAsync(async () => await StatusAsync(second, id) == "completed" ? "done" : null, "the resumed call to complete");
        await webhooks.WaitForAsync(w => StatusCallbacks.Statuses(w).Contains("completed"), "the completed status callback from the resumed call");
        Assert.Equal(["queued", "ringing", "in-progress", "completed"], StatusCallbacks.Statuses(webhooks).Distinct());
    }

    [Fact]
    public async Task A_ringing_call_whose_ring_timeout_passed_while_devhost_was_down_ends_no_answer_after_the_restart()
    {
        var node = new MediaNodeSimulator(storage);
        string id;
        await using (var first = await StartDevHostAsync())
        {
            id = await PlaceCallAsync(first, $$"""{"to":"+14155550143","from":"{{Number}}","url":"https://app.example/answer","timeout":2}""");
            await commands.ForCallAsync(id, c => c.OfType<DialCommand>().Any(), TimeSpan.FromSeconds(20));
            await node.SendAsync(new RingingEvent { Id = MediaNodeSimulator.NewId(), CallId = id });
            await Eventually.ReturnsAsync(async () => await StatusAsync(first, id) == "ringing" ? "ringing" : null, "the call to ring");
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await using var second = await StartDevHostAsync();

        var hangup = (await commands.ForCallAsync(id, c => c.OfType<HangupCommand>().Any(), TimeSpan.FromSeconds(30))).OfType<HangupCommand>();
        Assert.NotEmpty(hangup);
        await node.SendAsync(new HangupEvent { Id = MediaNodeSimulator.NewId(), CallId = id, Cause = "canceled", Side = "local", CommandId = hangup.First().Id });
        await Eventually.ReturnsAsync(async () => await StatusAsync(second, id) == "no-answer" ? "done" : null, "the resumed call to end no-answer");
    }

    [Fact]
    public async Task A_finished_call_stays_finished_after_a_restart_and_is_not_dialled_again()
    {
        var node = new MediaNodeSimulator(storage);
        string id;
        await using (var first = await StartDevHostAsync())
        {
            id = await PlaceCallAsync(first, $$"""{"to":"+14155550144","from":"{{Number}}","url":"https://app.example/answer"}""");
            await commands.ForCallAsync(id, c => c.OfType<DialCommand>().Any(), TimeSpan.FromSeconds(20));
            await node.SendAsync(new HangupEvent { Id = MediaNodeSimulator.NewId(), CallId = id, Cause = "busy", Side = "remote", SipCode = 486 });
            await Eventually.ReturnsAsync(async () => await StatusAsync(first, id) == "busy" ? "done" : null, "the call to end busy");
        }

        await using var second = await StartDevHostAsync();
        var durable = second.App.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>();
        await Eventually.ReturnsAsync(
            async () => (await durable.GetInstanceAsync(id))?.SerializedCustomStatus?.Contains(Voice.Orchestration.DurableLifecycleLoop.FinishedStatus, StringComparison.Ordinal) == true ? "finished" : null,
            "the restarted engine to report the call's lifecycle finished");

        // A late answer from the node after the restart is absorbed: the call stays busy, and was dialled once.
        await node.SendAsync(new AnsweredEvent { Id = MediaNodeSimulator.NewId(), CallId = id });
        var log = await commands.ForCallAsync(id, c => c.Count > 0, TimeSpan.FromSeconds(5));
        Assert.Single(log.OfType<DialCommand>());
        Assert.Equal("busy", await StatusAsync(second, id));
    }

    private async Task<RunningDevHost> StartDevHostAsync()
    {
        var port = FreePorts.Next();
        var app = DevHostApplication.Build(["--urls", $"http://127.0.0.1:{port}"], builder =>
        {
            builder.Configuration["VoiceStorage"] = azurite.ConnectionString;
            builder.Logging.ClearProviders();
        });
        if (key.Length == 0)
        {
            key = await TestAccounts.SeedAsync(app.Services, Account, Number);
        }

        await app.StartAsync();
        return new RunningDevHost(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/v1/voice/") });
    }

    private async Task<string> PlaceCallAsync(RunningDevHost host, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "calls") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-API-Key", key);
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<string?> StatusAsync(RunningDevHost host, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"calls/{id}");
        request.Headers.Add("X-API-Key", key);
        using var response = await host.Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
    }

    /// <summary>One DevHost run; disposing it stops it as Ctrl+C does.</summary>
    private sealed record RunningDevHost(WebApplication App, HttpClient Http) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await App.StopAsync(stopping.Token);
            await App.DisposeAsync();
        }
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Voice.Media.Contracts;
using Voice.Media.Contracts.Nodes;
using Voice.MediaNode.Calls;
using Voice.MediaNode.Nodes;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>A media-node host started in-process against a test's Azurite, with helpers to talk to its queues.</summary>
public sealed class RunningNode : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly AzuriteFixture azurite;
    private readonly List<MediaEvent> received = [];
    private bool stopped;

    private RunningNode(WebApplication app, AzuriteFixture azurite, int healthPort, int sipPort)
    {
        SipPort = sipPort;
        this.app = app;
        this.azurite = azurite;
        HealthPort = healthPort;
    }

    public int HealthPort { get; }

    /// <summary>The node's SIP port on 127.0.0.1.</summary>
    public int SipPort { get; }

    public CallRegistry Calls => app.Services.GetRequiredService<CallRegistry>();

    public IServiceProvider Services => app.Services;

    /// <summary>Empties the events queue, then starts a node (its own command queue is new: every run has its own).</summary>
    public static async Task<RunningNode> StartAsync(AzuriteFixture azurite, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var events = azurite.Queues.GetQueueClient(MediaQueues.Events);
        await events.CreateIfNotExistsAsync();
        await events.ClearMessagesAsync();

        var healthPort = FreePorts.Next();
        var sipPort = FreePorts.Next();
        var rtp = FreePorts.NextBlock(20);
        var settings = new Dictionary<string, string?>
        {
            ["VoiceStorage"] = azurite.ConnectionString,
            ["MediaNode:HealthPort"] = healthPort.ToString(),
            ["MediaNode:Sip:ListenAddress"] = $"127.0.0.1:{sipPort}",
            ["MediaNode:Rtp:PortMin"] = rtp.ToString(),
            ["MediaNode:Rtp:PortMax"] = (rtp + 19).ToString(),
            ["Logging:LogLevel:Default"] = "Warning",

            // Prompts and stream peers are on 127.0.0.1 (the test's Azurite, receivers, echo servers).
            ["MediaNode:AllowPrivateTargets"] = "true",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = MediaNodeApp.Build([], settings);
        await app.StartAsync();
        return new RunningNode(app, azurite, healthPort, sipPort);
    }

    /// <summary>This run's address: its command queue and its registry row.</summary>
    public MediaNodeAddress Address => app.Services.GetRequiredService<NodeIdentity>().Address;

    public QueueClient CommandQueue => azurite.Queues.GetQueueClient(Address.CommandQueue);

    public Task SendAsync(MediaCommand command) => CommandQueue.SendMessageAsync(MediaContract.Serialize(command));

    /// <summary>Sends text as a Base64 message, as the functions do.</summary>
    public Task SendTextAsync(string text) => CommandQueue.SendMessageAsync(text);

    /// <summary>Sends text without Base64 encoding (what a misconfigured producer would do).</summary>
    public Task SendUnencodedAsync(string text) =>
        new QueueClient(azurite.ConnectionString, Address.CommandQueue).SendMessageAsync(text);

    /// <summary>Waits until <paramref name="count"/> events matching <paramref name="match"/> arrived (at most <paramref name="seconds"/>).</summary>
    public async Task<IReadOnlyList<MediaEvent>> EventsAsync(Func<MediaEvent, bool> match, int count, int seconds = 15)
    {
        var events = azurite.Queues.GetQueueClient(MediaQueues.Events);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (received.Count(match) < count && DateTime.UtcNow < deadline)
        {
            var batch = await events.ReceiveMessagesAsync(32);
            foreach (var message in batch.Value)
            {
                received.Add(MediaContract.DeserializeEvent(message.Body.ToString()));
                await events.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            if (batch.Value.Length == 0)
            {
                await Task.Delay(50);
            }
        }

        return received.Where(match).ToList();
    }

    /// <summary>Dials <paramref name="peer"/> (auto-answering) and returns the call id once both sides report the answer.</summary>
    public async Task<string> AnsweredCallAsync(Baresip peer)
    {
        var dial = new DialCommand { Id = Guid.NewGuid().ToString("N"), CallId = "call-" + Guid.NewGuid().ToString("N"), To = peer.Uri, From = "+15550100", TimeoutSeconds = 10 };
        await SendAsync(dial);
        await EventsAsync(e => e.CallId == dial.CallId && e is AnsweredEvent, 1);
        await peer.EventAsync("CALL_ESTABLISHED");
        return dial.CallId;
    }

    /// <summary>Waits until the node has taken every command off the queue (deleted after handling).</summary>
    public async Task CommandsHandledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await CommandQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    public async Task<JsonElement> HealthAsync()
    {
        using var http = new HttpClient();
        return await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{HealthPort}/healthz");
    }

    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }
}

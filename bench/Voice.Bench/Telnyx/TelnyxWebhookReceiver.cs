using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Voice.Bench.Latency;

namespace Voice.Bench.Telnyx;

/// <summary>
/// The call control application's <c>webhook_event_url</c> on loopback: takes every Telnyx webhook
/// (<c>{"data":{"event_type","payload":{"call_control_id","from",…}}}</c>) and completes whoever waits for that event
/// of that call. Signatures are not checked: the bench times commands, the SDK tests check the webhooks.
/// </summary>
internal sealed class TelnyxWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> waiting = new();

    private TelnyxWebhookReceiver(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The webhook URL to give the application.</summary>
    public string Url { get; }

    public static async Task<TelnyxWebhookReceiver> StartAsync()
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new TelnyxWebhookReceiver(app, $"http://127.0.0.1:{port}/telnyx");
        app.MapPost("/telnyx", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            receiver.Received(body.RootElement);
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Completes when <paramref name="eventType"/> (<c>call.answered</c>) arrives for the call.</summary>
    public Task EventAsync(string callControlId, string eventType) => Waiter(callControlId + " " + eventType).Task;

    /// <summary>
    /// Completes with the call control id of the incoming call whose <c>from</c> contains <paramref name="callerUser"/>,
    /// when its <c>call.initiated</c> arrives (the call is parked then, waiting for answer).
    /// </summary>
    public Task<string> IncomingAsync(string callerUser) => Waiter("incoming " + callerUser).Task;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void Received(JsonElement root)
    {
        if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("payload", out var payload)
            || Text(data, "event_type") is not { } eventType || Text(payload, "call_control_id") is not { } id)
        {
            return;
        }

        Waiter(id + " " + eventType).TrySetResult(id);
        if (eventType == "call.initiated" && Text(payload, "direction") == "incoming" && Text(payload, "from") is { } from)
        {
            // The caller's user part names the bench's call (sip:telnyx-a3@…): one at a time or a few at once.
            var user = from.Split(':', 2)[^1].Split('@')[0];
            Waiter("incoming " + user).TrySetResult(id);
        }
    }

    private TaskCompletionSource<string> Waiter(string key) =>
        waiting.GetOrAdd(key, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Voice.Testing;

/// <summary>
/// A real Kestrel WebSocket server on 127.0.0.1 playing a user's media-stream endpoint. It records every message
/// and the handshake headers, and echoes the call's audio back: Telnyx <c>media</c> messages of the inbound track
/// are returned as bidirectional <c>media</c>, Vonage binary frames are returned as they came.
/// </summary>
public sealed class StreamEchoServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<StreamMessageSeen> messages = [];
    private readonly List<IReadOnlyDictionary<string, string>> handshakes = [];

    private StreamEchoServer(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The URL to stream to.</summary>
    public string Url => $"ws://127.0.0.1:{Port}/stream";

    /// <summary>When set, the next connection is dropped (TCP abort, no close) after this many messages; once.</summary>
    public int? AbortAfter { get; set; }

    /// <summary>When false the server only records: nothing is sent back.</summary>
    public bool Echo { get; set; } = true;

    /// <summary>Every message received, in order, across connections.</summary>
    public IReadOnlyList<StreamMessageSeen> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>The request headers of each WebSocket handshake.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Handshakes
    {
        get
        {
            lock (messages)
            {
                return [.. handshakes];
            }
        }
    }

    /// <summary>The text messages' <c>event</c> values, in order.</summary>
    public IReadOnlyList<string> Events => [.. Messages.Where(m => m.Json is not null).Select(m => m.Json!.Value.TryGetProperty("event", out var e) ? e.GetString() ?? "" : "")];

    public static async Task<StreamEchoServer> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new StreamEchoServer(app, port);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the messages; throws after 30 s.</summary>
    public Task WaitForAsync(Func<StreamEchoServer, bool> condition, string what) => Eventually.HoldsAsync(() => condition(this), what);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        lock (messages)
        {
            handshakes.Add(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[256 * 1024];
        var abortAfter = AbortAfter;
        AbortAfter = null;
        var count = 0;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                if (abortAfter is { } limit && count++ >= limit)
                {
                    Record(new StreamMessageSeen(DateTime.UtcNow, null, null, Closed: true));
                    context.Abort();
                    return;
                }

                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    Record(new StreamMessageSeen(DateTime.UtcNow, null, null, Closed: true));
                    return;
                }

                var bytes = buffer.AsSpan(0, length).ToArray();
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Record(new StreamMessageSeen(DateTime.UtcNow, null, bytes));
                    if (Echo)
                    {
                        await socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);
                    }

                    continue;
                }

                var json = JsonDocument.Parse(bytes).RootElement.Clone();
                Record(new StreamMessageSeen(DateTime.UtcNow, json, null));
                if (Echo && json.TryGetProperty("event", out var e) && e.GetString() == "media"
                    && json.GetProperty("media").GetProperty("track").GetString() == "inbound")
                {
                    var payload = json.GetProperty("media").GetProperty("payload").GetString();
                    var reply = Encoding.UTF8.GetBytes($$$"""{"event":"media","media":{"payload":"{{{payload}}}"}}""");
                    await socket.SendAsync(reply, WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
        }
        catch (WebSocketException)
        {
            Record(new StreamMessageSeen(DateTime.UtcNow, null, null, Closed: true));
        }
    }

    private void Record(StreamMessageSeen message)
    {
        lock (messages)
        {
            messages.Add(message);
        }
    }
}

/// <summary>One message a <see cref="StreamEchoServer"/> received.</summary>
/// <param name="At">When.</param>
/// <param name="Json">A text message's JSON.</param>
/// <param name="Binary">A binary message's bytes.</param>
/// <param name="Closed">The connection ended here (close or break).</param>
public sealed record StreamMessageSeen(DateTime At, JsonElement? Json, byte[]? Binary, bool Closed = false);

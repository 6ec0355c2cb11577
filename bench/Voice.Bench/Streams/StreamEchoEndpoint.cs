using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Voice.Bench.Streams;

/// <summary>
/// The bench's stream peer: a Kestrel WebSocket server on 127.0.0.1 that answers every Telnyx <c>media</c> message of the inbound track
/// with a bidirectional <c>media</c> of the same payload (the work a voice bot's echo would do) and counts messages.
/// It runs in the bench process, so its CPU is in the bench's figures (noted in the README).
/// </summary>
internal sealed class StreamEchoEndpoint : IAsyncDisposable
{
    private static readonly byte[] MediaPrefix = """{"event":"media","media":{"payload":"""u8.ToArray();
    private readonly WebApplication _app;
    private long _messages;

    private StreamEchoEndpoint(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public long Messages => Interlocked.Read(ref _messages);

    public static async Task<StreamEchoEndpoint> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var endpoint = new StreamEchoEndpoint(app, $"ws://127.0.0.1:{port}/stream");
        app.UseWebSockets();
        app.Run(endpoint.HandleAsync);
        await app.StartAsync();
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        var reply = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return;
                }

                Interlocked.Increment(ref _messages);
                var message = buffer.AsSpan(0, result.Count);
                var at = message.IndexOf("\"payload\":\""u8);
                if (at < 0 || !result.EndOfMessage || message.IndexOf("\"track\":\"inbound\""u8) < 0)
                {
                    continue;
                }

                // Echo the base64 payload as the bidirectional media message, without a JSON round trip.
                var start = at + "\"payload\":"u8.Length;
                var end = message[(start + 1)..].IndexOf((byte)'"') + start + 2;
                MediaPrefix.CopyTo(reply, 0);
                message[start..end].CopyTo(reply.AsSpan(MediaPrefix.Length));
                var length = MediaPrefix.Length + (end - start);
                reply[length++] = (byte)'}';
                reply[length++] = (byte)'}';
                await socket.SendAsync(reply.AsMemory(0, length), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The stream was aborted at the end of a run.
        }
    }
}

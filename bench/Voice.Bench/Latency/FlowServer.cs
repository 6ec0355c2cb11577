using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Voice.Media.Playback;

namespace Voice.Bench.Latency;

/// <summary>
/// The customer's call-flow webhooks on loopback: <c>/answer/{user}</c> returns a one-digit DTMF input whose
/// eventUrl <c>/menu/{user}</c> returns a streamed prompt, <c>/prompt.wav</c> (a 1 kHz tone that is audible from its
/// first sample, so the phone can tell the prompt's first packet from silence).
/// </summary>
internal sealed class FlowServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> answers = new();

    private FlowServer(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<FlowServer> StartAsync()
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new FlowServer(app, $"http://127.0.0.1:{port}");
        var prompt = ToneWav(1000, seconds: 1);
        app.MapGet("/prompt.wav", () => Results.Bytes(prompt, "audio/wav"));
        app.MapMethods("/answer/{user}", ["GET", "POST"], (string user) =>
        {
            server.Answer(user).TrySetResult();
            return Results.Text(
                $$"""[{"action":"input","type":["dtmf"],"dtmf":{"maxDigits":1,"timeOut":10},"eventUrl":["{{server.Url}}/menu/{{user}}"]}]""",
                "application/json");
        });
        app.MapMethods("/menu/{user}", ["GET", "POST"], () => Results.Text(
            $$"""[{"action":"stream","streamUrl":["{{server.Url}}/prompt.wav"]},{"action":"hangup"}]""", "application/json"));
        await app.StartAsync();
        return server;
    }

    /// <summary>Completes when the call flow for <paramref name="user"/> has been fetched.</summary>
    public Task AnswerServedAsync(string user) => Answer(user).Task;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private TaskCompletionSource Answer(string user) => answers.GetOrAdd(user, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static byte[] ToneWav(int hz, int seconds)
    {
        var samples = 8000 * seconds;
        var wav = new byte[44 + (samples * 2)];
        WavFile.WriteHeader(wav, sampleRate: 8000, channels: 1, dataBytes: samples * 2);
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + (i * 2)), (short)(8000 * Math.Sin(2 * Math.PI * hz * i / 8000.0)));
        }

        return wav;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Voice.Bench.Latency;

namespace Voice.Bench.Inbound;

/// <summary>
/// The dev number's answer webhook on loopback: <c>/inbound</c> answers every inbound call with one <c>talk</c>
/// ("Hello, and thank you for calling the benchmark.", about 3 s of speech, rendered once by the node and cached), so
/// the call is answered at once and stays up until the caller's BYE, which sipp sends a short hold after the 200 OK
/// — the call never outlives the caller, and the flow never races the caller's BYE with one of its own.
/// </summary>
internal sealed class AnswerServer : IAsyncDisposable
{
    public const string Flow = """[{"action":"talk","text":"Hello, and thank you for calling the benchmark."}]""";
    private readonly WebApplication app;
    private long served;

    private AnswerServer(WebApplication app, string url)
    {
        this.app = app;
        AnswerUrl = url + "/inbound";
    }

    public string AnswerUrl { get; }

    /// <summary>Answer webhooks fetched so far.</summary>
    public long Served => Interlocked.Read(ref served);

    public static async Task<AnswerServer> StartAsync()
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new AnswerServer(app, $"http://127.0.0.1:{port}");
        app.MapMethods("/inbound", ["GET", "POST"], () =>
        {
            Interlocked.Increment(ref server.served);
            return Results.Text(Flow, "application/json");
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

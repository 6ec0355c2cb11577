using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Voice.Testing;

/// <summary>
/// A real Kestrel webhook endpoint on 127.0.0.1 that records every request. By default it answers the validation
/// handshake (echoing WebHook-Request-Origin) and 200 to everything else; tests pass their own reply.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<ReceivedRequest> requests = [];

    private WebhookReceiver(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>POSTs that got a 2xx answer, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Delivered => [.. Requests.Where(r => r.Method == "POST" && r.Status is >= 200 and <= 204)];

    public static async Task<WebhookReceiver> StartAsync(Func<ReceivedRequest, HttpResponse, Task>? reply = null, int? port = null)
    {
        var chosenPort = port ?? FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{chosenPort}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, chosenPort);
        reply ??= DefaultReply;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path, headers, body.ToArray()) { Query = context.Request.QueryString.Value ?? "" };
            await reply(request, context.Response);
            request = request with { Status = context.Response.StatusCode };
            lock (receiver.requests)
            {
                receiver.requests.Add(request);
            }
        });
        await app.StartAsync();
        return receiver;
    }

    public static Task DefaultReply(ReceivedRequest request, HttpResponse response)
    {
        if (request.Method == "OPTIONS" && request.Header("WebHook-Request-Origin") is { } origin)
        {
            response.Headers["WebHook-Allowed-Origin"] = origin;
        }

        response.StatusCode = 200;
        return Task.CompletedTask;
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the recorded requests; throws after 30 s.</summary>
    public Task WaitForAsync(Func<WebhookReceiver, bool> condition, string what) => Eventually.HoldsAsync(() => condition(this), what);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

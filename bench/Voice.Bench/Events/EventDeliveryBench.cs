using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Voice.Core.Events;
using Voice.Events;
using Voice.Events.Publishing;

namespace Voice.Bench.Events;

/// <summary>
/// Events delivered per second through the local delivery pipeline (persisted in the webhookdeliveries table,
/// signed, ordered per call) to N webhook receivers on loopback (one Kestrel bound to N ports), and the
/// event-to-delivery latency (publish call → request received) at p50/p95.
/// Usage: <c>events [--events 5000] [--receivers 100] [--events-per-call 5] [--publishers 32] [--workers 64]</c>;
/// storage from the <c>VoiceStorage</c> environment variable (an Azurite connection string).
/// </summary>
public static class EventDeliveryBench
{
    private const string SentAtField = "bench_sent_at";

    public static async Task<int> RunAsync(string[] args)
    {
        var totalEvents = BenchArguments.IntOption(args, "--events", 5000);
        var receiverCount = BenchArguments.IntOption(args, "--receivers", 100);
        var eventsPerCall = BenchArguments.IntOption(args, "--events-per-call", 5);
        var publishers = BenchArguments.IntOption(args, "--publishers", 32);
        var workers = BenchArguments.IntOption(args, "--workers", 64);
        var storage = Environment.GetEnvironmentVariable("VoiceStorage");
        if (string.IsNullOrEmpty(storage))
        {
            Console.Error.WriteLine("Set VoiceStorage to an Azurite connection string (see docs/webhooks.md, Benchmark).");
            return 2;
        }

        var latencies = new ConcurrentBag<double>();
        var lastSeen = new ConcurrentDictionary<string, long>();
        var outOfOrder = 0;
        var retried = 0;
        var delivered = 0;
        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var receivers = await StartReceiversAsync(receiverCount, async context =>
        {
            var received = Stopwatch.GetTimestamp();
            if (context.Request.Headers["Telefon-Delivery-Attempt"] != "1")
            {
                Interlocked.Increment(ref retried);
            }

            var body = await JsonNode.ParseAsync(context.Request.Body);
            var sentAt = (long)body!["data"]![SentAtField]!;
            latencies.Add(Stopwatch.GetElapsedTime(sentAt, received).TotalMilliseconds);
            var sequence = long.Parse((string)body["sequence"]!, CultureInfo.InvariantCulture);
            var subject = (string)body["subject"]!;
            var expected = lastSeen.TryGetValue(subject, out var previous) ? previous + 1 : 1;
            if (sequence != expected)
            {
                Interlocked.Increment(ref outOfOrder);
            }

            lastSeen[subject] = sequence;
            context.Response.StatusCode = 204;
            if (Interlocked.Increment(ref delivered) == totalEvents)
            {
                allDelivered.TrySetResult();
            }
        });

        using var host = BuildHost(storage, workers);
        await host.StartAsync();
        var publisher = host.Services.GetRequiredService<IVoiceEventPublisher>();
        var urls = receivers.Urls;
        var calls = totalEvents / eventsPerCall;

        // Warm-up: table creation, connection pools, JIT.
        await publisher.PublishAsync([BenchEvent("warmup", 1, urls[0])], default);
        while (Volatile.Read(ref delivered) == 0)
        {
            await Task.Delay(10);
        }

        Interlocked.Exchange(ref delivered, 0);
        latencies.Clear();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = publishers }, async (call, ct) =>
        {
            var callId = $"bench-{call}";
            for (var sequence = 1; sequence <= eventsPerCall; sequence++)
            {
                await publisher.PublishAsync([BenchEvent(callId, sequence, urls[call % urls.Count])], ct);
            }
        });
        var published = Stopwatch.GetElapsedTime(started);
        var finished = await Task.WhenAny(allDelivered.Task, Task.Delay(TimeSpan.FromMinutes(3))) == allDelivered.Task;
        var elapsed = Stopwatch.GetElapsedTime(started);
        await host.StopAsync();

        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"events bench: {calls * eventsPerCall} events ({calls} calls x {eventsPerCall}) to {receiverCount} loopback receivers, {publishers} publishers, {workers} workers");
        Console.WriteLine($"  delivered {delivered}{(finished ? "" : " (TIMED OUT after 3 min)")} in {elapsed.TotalSeconds:0.00} s (publishing took {published.TotalSeconds:0.00} s)");
        Console.WriteLine($"  throughput {delivered / elapsed.TotalSeconds:0} events/s");
        Console.WriteLine($"  event-to-delivery latency p50 {BenchArguments.Percentile(sorted, 0.50):0.0} ms, p95 {BenchArguments.Percentile(sorted, 0.95):0.0} ms, max {sorted.LastOrDefault():0.0} ms");
        Console.WriteLine($"  per-call order violations {outOfOrder}, deliveries that needed a retry {retried}");
        return finished && outOfOrder == 0 ? 0 : 1;
    }

    private static VoiceEvent BenchEvent(string callId, int sequence, string url) => new()
    {
        Id = $"{callId}-{sequence}-{Guid.NewGuid():N}",
        Type = sequence == 1 ? VoiceEventTypes.CallInitiated : VoiceEventTypes.CallDtmfReceived,
        AccountId = "AC-bench",
        Subject = "/calls/" + callId,
        Time = DateTimeOffset.UtcNow,
        Sequence = sequence,
        WebhookUrl = url,
        Data = new JsonObject { ["id"] = callId, ["status"] = "in-progress", [SentAtField] = Stopwatch.GetTimestamp() },
    };

    private static IHost BuildHost(string storage, int workers)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoiceStorage"] = storage,
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["LocalEventGrid:Workers"] = workers.ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddVoiceEvents(builder.Configuration);
        return builder.Build();
    }

    private static async Task<Receivers> StartReceiversAsync(int count, RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. Enumerable.Repeat("http://127.0.0.1:0", count)]);
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Receivers(app, [.. addresses.Select(a => a + "/hook")]);
    }

    private sealed class Receivers(WebApplication app, IReadOnlyList<string> urls) : IAsyncDisposable
    {
        public IReadOnlyList<string> Urls => urls;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

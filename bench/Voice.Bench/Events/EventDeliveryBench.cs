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
/// Events delivered per second through the local delivery pipeline (persisted in the webhookdeliveries table, lanes
/// leased, signed, ordered per call) by N delivery instances on one storage account to R webhook receivers on loopback
/// (one Kestrel bound to R ports), and the event-to-delivery latency (publish call → request received) at p50/p95.
/// <c>--publishers</c> concurrent calls publish per instance (as each host's queue trigger brings its own concurrency).
/// Each call's events are published one after the other, alternating instances event by event (as queue-triggered
/// dispatchers on several hosts would get them), so lanes move between instances all the time.
/// Usage: <c>events [--instances 1,2] [--events 5000] [--receivers 100] [--events-per-call 5] [--publishers 32] [--workers 64]</c>;
/// one trial per instance count, in this order, on one Azurite: <c>VoiceStorage</c> (a connection string) when set,
/// else the bench's own.
/// </summary>
public static class EventDeliveryBench
{
    private const string SentAtField = "bench_sent_at";

    public static async Task<int> RunAsync(string[] args)
    {
        var instanceCounts = (BenchArguments.Option(args, "--instances") ?? "1,2").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var totalEvents = BenchArguments.IntOption(args, "--events", 5000);
        var receiverCount = BenchArguments.IntOption(args, "--receivers", 100);
        var eventsPerCall = BenchArguments.IntOption(args, "--events-per-call", 5);
        var publishers = BenchArguments.IntOption(args, "--publishers", 32);
        var workers = BenchArguments.IntOption(args, "--workers", 64);
        var storage = Environment.GetEnvironmentVariable("VoiceStorage");
        await using var ownAzurite = string.IsNullOrEmpty(storage) ? await BenchAzurite.StartAsync(Voice.Testing.RepositoryRoot.Path, CancellationToken.None) : null;
        storage = ownAzurite?.ConnectionString ?? storage!;

        var trial = new Trial(0);
        await using var receivers = await StartReceiversAsync(receiverCount, context => Volatile.Read(ref trial).ReceiveAsync(context));
        var calls = totalEvents / eventsPerCall;
        var results = new List<string>();
        var failed = false;
        foreach (var instances in instanceCounts)
        {
            Console.WriteLine($"load average before {instances} instance(s): {BenchMachine.LoadAverage():0.00}");
            var hosts = Enumerable.Range(0, instances).Select(_ => BuildHost(storage, workers)).ToList();
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            var publishersByInstance = hosts.Select(h => h.Services.GetRequiredService<IVoiceEventPublisher>()).ToList();

            // Warm-up: table creation, connection pools, JIT, on every instance.
            Volatile.Write(ref trial, new Trial(instances));
            await Task.WhenAll(publishersByInstance.Select((p, i) => p.PublishAsync([BenchEvent($"warmup-{instances}-{i}", 1, receivers.Urls[i])], default)));
            await Volatile.Read(ref trial).WaitAsync(instances, TimeSpan.FromSeconds(30));

            var measured = new Trial(calls * eventsPerCall);
            Volatile.Write(ref trial, measured);
            var started = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = publishers * instances }, async (call, ct) =>
            {
                var callId = $"bench-{instances}-{call}";
                for (var sequence = 1; sequence <= eventsPerCall; sequence++)
                {
                    await publishersByInstance[(call + sequence) % instances].PublishAsync([BenchEvent(callId, sequence, receivers.Urls[call % receivers.Urls.Count])], ct);
                }
            });
            var published = Stopwatch.GetElapsedTime(started);
            var finished = await measured.WaitAsync(calls * eventsPerCall, TimeSpan.FromMinutes(3));
            var elapsed = Stopwatch.GetElapsedTime(started);
            await Task.WhenAll(hosts.Select(h => h.StopAsync()));
            hosts.ForEach(h => h.Dispose());

            var sorted = measured.Latencies.Order().ToArray();
            var throughput = measured.Delivered / elapsed.TotalSeconds;
            var (p50, p95) = (BenchArguments.Percentile(sorted, 0.50), BenchArguments.Percentile(sorted, 0.95));
            Console.WriteLine($"events bench, {instances} instance(s): {calls * eventsPerCall} events ({calls} calls x {eventsPerCall}, alternating instances) to {receiverCount} loopback receivers, {publishers} publishers and {workers} workers per instance");
            Console.WriteLine($"  delivered {measured.Delivered}{(finished ? "" : " (TIMED OUT after 3 min)")} in {elapsed.TotalSeconds:0.00} s (publishing took {published.TotalSeconds:0.00} s)");
            Console.WriteLine($"  throughput {throughput:0} events/s");
            Console.WriteLine($"  event-to-delivery latency p50 {p50:0.0} ms, p95 {p95:0.0} ms, max {sorted.LastOrDefault():0.0} ms");
            Console.WriteLine($"  per-call order violations {measured.OutOfOrder}, repeated deliveries {measured.Repeated}, deliveries that needed a retry {measured.Retried}");
            results.Add($"| {instances} | {throughput:0} | {p50:0} ms | {p95:0} ms | {measured.OutOfOrder} | {measured.Repeated} |");
            failed |= !finished || measured.OutOfOrder > 0;
        }

        Console.WriteLine("| instances | events/s | p50 | p95 | order violations | repeats |");
        Console.WriteLine("|---|---|---|---|---|---|");
        results.ForEach(Console.WriteLine);
        return failed ? 1 : 0;
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

    /// <summary>What the receivers saw during one trial.</summary>
    private sealed class Trial(int expected)
    {
        private readonly ConcurrentDictionary<string, long> lastSeen = new();
        private readonly ConcurrentDictionary<string, byte> deliveryIds = new();
        private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int delivered;
        private int outOfOrder;
        private int retried;
        private int repeated;

        public ConcurrentBag<double> Latencies { get; } = [];

        public int Delivered => Volatile.Read(ref delivered);

        public int OutOfOrder => Volatile.Read(ref outOfOrder);

        public int Retried => Volatile.Read(ref retried);

        public int Repeated => Volatile.Read(ref repeated);

        public async Task ReceiveAsync(HttpContext context)
        {
            var received = Stopwatch.GetTimestamp();
            if (context.Request.Headers["Telefon-Delivery-Attempt"] != "1")
            {
                Interlocked.Increment(ref retried);
            }

            if (!deliveryIds.TryAdd(context.Request.Headers["Telefon-Delivery-Id"].ToString(), 0))
            {
                Interlocked.Increment(ref repeated);
            }

            var body = await JsonNode.ParseAsync(context.Request.Body);
            var sentAt = (long)body!["data"]![SentAtField]!;
            Latencies.Add(Stopwatch.GetElapsedTime(sentAt, received).TotalMilliseconds);
            var sequence = long.Parse((string)body["sequence"]!, CultureInfo.InvariantCulture);
            var subject = (string)body["subject"]!;
            var expectedSequence = lastSeen.TryGetValue(subject, out var previous) ? previous + 1 : 1;
            if (sequence != expectedSequence)
            {
                Interlocked.Increment(ref outOfOrder);
            }

            lastSeen[subject] = sequence;
            context.Response.StatusCode = 204;
            if (Interlocked.Increment(ref delivered) == expected)
            {
                all.TrySetResult();
            }
        }

        public async Task<bool> WaitAsync(int count, TimeSpan limit) =>
            Delivered >= count || await Task.WhenAny(all.Task, Task.Delay(limit)) == all.Task;
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

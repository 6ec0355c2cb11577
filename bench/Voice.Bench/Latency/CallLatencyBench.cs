using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.DevHost;
using Voice.Storage;

namespace Voice.Bench.Latency;

/// <summary>
/// Call-control latency through the whole local product — DevHost (API, lifecycles) on Azurite, the media-node as
/// a child process on the same queues, a local call-flow webhook server and our own SIP phones on loopback:
/// POST /calls → the INVITE at the phone, and DTMF end packet sent → first audible RTP packet of the next prompt
/// (an IVR: <c>input</c>, then the eventUrl answers with a <c>stream</c>). First one call at a time (queues idle
/// between calls, as for a lone caller), then many calls at once.
/// </summary>
internal static class CallLatencyBench
{
    private static readonly string Number = DevAccountSeeder.Numbers[0];

    public static async Task<int> RunAsync(string[] args)
    {
        var sequential = BenchArguments.IntOption(args, "--sequential", 20);
        var concurrent = BenchArguments.IntOption(args, "--concurrent", 50);
        var verbose = args.Contains("--verbose");
        var configuration = Inbound.InboundBench.ConfigOverrides(args);
        var maxLoad = double.Parse(BenchArguments.Option(args, "--max-load") ?? "1.5", CultureInfo.InvariantCulture);
        var load = await BenchMachine.WaitQuietAsync(maxLoad, TimeSpan.FromMinutes(15), CancellationToken.None);
        Console.WriteLine($"load average at start: {load:0.00}");
        var root = RepositoryLocator.Find();
        await using var azurite = await BenchAzurite.StartAsync(root, CancellationToken.None); // the bench's own, not a shared one
        await using var flows = await FlowServer.StartAsync();
        var apiPort = Ports.Free();
        var app = DevHostApplication.Build(["--urls", $"http://127.0.0.1:{apiPort}"], builder =>
        {
            builder.Configuration["VoiceStorage"] = azurite.ConnectionString;
            builder.Configuration.AddInMemoryCollection(configuration.Select(c => KeyValuePair.Create(c.Key, (string?)c.Value)));
            if (!verbose)
            {
                builder.Logging.ClearProviders();
            }
        });
        await StorageBootstrap.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>());
        await DrainQueuesAsync(app.Services.GetRequiredService<StorageClients>());
        var key = await DevAccountSeeder.SeedAsync(app.Services, Path.Combine(root, ".devhost"), CancellationToken.None); // the dev account, as DevHost seeds it
        var healthPort = Ports.Free();
        var rtpMin = 30000 + Random.Shared.Next(0, 100) * 200;
        await using var node = MediaNodeProcess.Start(root, new Dictionary<string, string>
        {
            ["VoiceStorage"] = azurite.ConnectionString,
            ["MediaNode:Sip:ListenAddress"] = $"127.0.0.1:{Ports.Free()}",
            ["MediaNode:Rtp:PortMin"] = rtpMin.ToString(CultureInfo.InvariantCulture),
            ["MediaNode:Rtp:PortMax"] = (rtpMin + 399).ToString(CultureInfo.InvariantCulture),
            ["MediaNode:HealthPort"] = healthPort.ToString(CultureInfo.InvariantCulture),
            ["MediaNode:Commands:MaxIdlePollMs"] = BenchArguments.IntOption(args, "--node-poll-ms", 25).ToString(CultureInfo.InvariantCulture), // as DevHost runs it
            ["MediaNode:AllowPrivateTargets"] = "true", // prompts and streams on 127.0.0.1
            ["Logging:LogLevel:Default"] = verbose ? "Information" : "Warning",
        }, Console.Out);
        await app.StartAsync();
        await using var phones = new AnsweringPhones(Ports.Free());
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/v1/voice/") };
        http.DefaultRequestHeaders.Add("X-API-Key", key);
        await node.WaitUntilHealthyAsync(healthPort, TimeSpan.FromSeconds(60));

        try
        {
            Console.WriteLine("warm-up call (TTS/HTTP caches, JIT) …");
            await CallAsync(http, phones, flows, "warmup");

            Console.WriteLine($"{sequential} calls one at a time …");
            var lone = new List<CallTiming>();
            for (var i = 0; i < sequential; i++)
            {
                lone.Add(await CallAsync(http, phones, flows, $"s{i}"));
                await Task.Delay(1500); // let the pollers go idle, as before a lone caller's call
            }

            Report("one at a time", lone);
            Console.WriteLine($"  load average now {BenchMachine.LoadAverage():0.00}");

            Console.WriteLine($"{concurrent} calls at once …");
            var cpu = new BenchMachine.CpuWindow(Processes(azurite));
            var together = await Task.WhenAll(Enumerable.Range(0, concurrent).Select(i => CallAsync(http, phones, flows, $"c{i}")));
            cpu.Sample();
            Report($"{concurrent} concurrent", together);
            Console.WriteLine($"    CPU {cpu.Describe()}; CPU ms per call: {cpu.PerUnit(concurrent)}; load average now {BenchMachine.LoadAverage():0.00}");
            return 0;
        }
        finally
        {
            // The node first: it ends its calls and reports them, and DevHost's lifecycles finish on those events
            // instead of being left for the next DevHost to resume.
            await node.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await app.StopAsync(stopping.Token);
            await app.DisposeAsync();
        }
    }

    private static async Task<CallTiming> CallAsync(HttpClient http, AnsweringPhones phones, FlowServer flows, string user)
    {
        var answered = phones.ExpectAsync(user);
        var flowStarted = flows.AnswerServedAsync(user);
        var body = $$"""{"to":"{{phones.UriFor(user)}}","from":"{{Number}}","url":"{{flows.Url}}/answer/{{user}}"}""";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var posted = Stopwatch.GetTimestamp();
        string id;
        using (var response = await http.PostAsync("calls", content))
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /calls: {(int)response.StatusCode} {text}");
            }

            id = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        }

        var call = await BenchTime.Within(answered, 60, $"{user}: the INVITE");
        await BenchTime.Within(flowStarted, 60, $"{user}: the answer webhook");
        await Task.Delay(300); // the input action's gather reaches the node
        var digitSent = await call.SendDigitAsync('2');
        long audible;
        try
        {
            audible = await BenchTime.Within(call.AudibleAsync, 30, $"{user}: the prompt after the digit");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the call is {await http.GetStringAsync($"calls/{id}")}", e);
        }

        await call.DisposeAsync();
        return new CallTiming(BenchTime.Milliseconds(call.InviteArrived - posted), BenchTime.Milliseconds(audible - digitSent));
    }

    private static Dictionary<string, int> Processes(BenchAzurite azurite)
    {
        var processes = new Dictionary<string, int> { ["DevHost (bench process)"] = Environment.ProcessId, ["Azurite"] = azurite.ProcessId };
        if (BenchMachine.ChildProcess("Voice.MediaNode.dll") is { } node)
        {
            processes["media-node"] = node;
        }

        return processes;
    }

    private static void Report(string title, IReadOnlyList<CallTiming> timings)
    {
        var invite = timings.Select(t => t.PostToInviteMs).Order().ToList();
        var prompt = timings.Select(t => t.DtmfToPromptMs).Order().ToList();
        Console.WriteLine($"  {title} ({timings.Count} calls)");
        Console.WriteLine($"    POST /calls → INVITE:          p50 {BenchArguments.Percentile(invite, 0.5),7:0.0} ms  p95 {BenchArguments.Percentile(invite, 0.95),7:0.0} ms  max {invite[^1],7:0.0} ms");
        Console.WriteLine($"    DTMF → first prompt RTP:       p50 {BenchArguments.Percentile(prompt, 0.5),7:0.0} ms  p95 {BenchArguments.Percentile(prompt, 0.95),7:0.0} ms  max {prompt[^1],7:0.0} ms");
    }

    /// <summary>
    /// Commands left over from an earlier run (a dial nobody wants now) would be noise: start with none. Events are
    /// kept: they may end calls an earlier DevHost left unfinished.
    /// </summary>
    private static async Task DrainQueuesAsync(StorageClients storage) =>
        await storage.Queues.GetQueueClient(Voice.Media.Contracts.MediaQueues.Commands).ClearMessagesAsync();

    private sealed record CallTiming(double PostToInviteMs, double DtmfToPromptMs);
}

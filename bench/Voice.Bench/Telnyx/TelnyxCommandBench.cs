using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Voice.Bench.Inbound;
using Voice.Bench.Latency;
using Voice.Core.Accounts;
using Voice.DevHost;
using Voice.Storage;

namespace Voice.Bench.Telnyx;

/// <summary>
/// Telnyx Call Control command latency through the whole local product (<see cref="InboundStack"/>: DevHost on the
/// bench's Azurite, the media-node as a child process), driven over <c>/v2</c> with the dev account's Telnyx key and a
/// call control application whose webhooks go to <see cref="TelnyxWebhookReceiver"/>:
/// <list type="bullet">
/// <item><b>speak</b>: dial a loopback phone (<see cref="AnsweringPhones"/>), wait for <c>call.answered</c>, then
/// <c>actions/speak</c> sent → the first RTP packet of the speech (non-silent) at the phone's socket;</item>
/// <item><b>answer</b>: a SIP caller (<see cref="CallingPhone"/>) calls a number assigned to the application; the call
/// is parked (<c>call.initiated</c>); <c>actions/answer</c> sent → the 200 OK at the caller.</item>
/// </list>
/// Each first one call at a time (1.5 s apart, so the pollers go idle as before a lone caller's command), then
/// <c>--concurrent</c> calls at once. A failed call is counted and named, not fatal.
/// </summary>
internal static class TelnyxCommandBench
{
    private const string SpeechText = "Hello, this is the benchmark speaking.";

    public static async Task<int> RunAsync(string[] args)
    {
        var calls = BenchArguments.IntOption(args, "--calls", 20);
        var concurrent = BenchArguments.IntOption(args, "--concurrent", 5);
        var freshText = args.Contains("--fresh-text");
        var verbose = args.Contains("--verbose");
        var only = BenchArguments.Option(args, "--only"); // speak | answer
        var maxLoad = double.Parse(BenchArguments.Option(args, "--max-load") ?? "1.5", CultureInfo.InvariantCulture);
        var root = RepositoryLocator.Find();
        var load = await BenchMachine.WaitQuietAsync(maxLoad, TimeSpan.FromMinutes(15), CancellationToken.None);
        Console.WriteLine($"telnyx: command latency over /v2 (commit {InboundBench.Commit(root)}), {calls} calls one at a time, {concurrent} at once; "
            + $"speak payload {(freshText ? "new per call (espeak-ng renders each)" : "the same for every call (rendered once, cached)")}; load average at start {load:0.00}");

        await using var stack = await InboundStack.StartAsync(root, InboundBench.ConfigOverrides(args), verbose, CancellationToken.None);
        await using var webhooks = await TelnyxWebhookReceiver.StartAsync();
        using var api = new TelnyxApiClient(stack.ApiUrl, await stack.DialectKeyAsync("telnyx"));
        var applicationId = await api.CreateApplicationAsync("bench", webhooks.Url);
        var parkedNumber = DevAccountSeeder.Numbers[0];
        await AssignNumberAsync(stack.Services, parkedNumber, applicationId);
        await using var phones = new AnsweringPhones(Ports.Free());
        await using var caller = new CallingPhone(Ports.Free());

        var timed = new TimedCommandCalls(api, webhooks, applicationId, parkedNumber);
        var results = new List<Figures>();
        if (only is null or "speak")
        {
            results.AddRange(await RunSeriesAsync("speak → first speech RTP", calls, concurrent, i =>
                timed.SpeakAsync(phones, $"telnyx-s{i}", freshText ? $"{SpeechText} Call {i}." : SpeechText)));
        }

        if (only is null or "answer")
        {
            results.AddRange(await RunSeriesAsync("answer → 200 OK", calls, concurrent, i => timed.AnswerAsync(caller, stack.NodeSip, $"telnyx-a{i}")));
        }

        Console.WriteLine();
        Console.WriteLine("| command | calls | n | failed | p50 | p95 | max | load (start → end) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var f in results)
        {
            Console.WriteLine(f.Row());
        }

        return results.All(f => f.Latencies.Count > 0) ? 0 : 1;
    }

    /// <summary>A warm-up call (JIT, connections, TTS cache), then one at a time, then a few at once.</summary>
    private static async Task<List<Figures>> RunSeriesAsync(string command, int calls, int concurrent, Func<string, Task<double>> call)
    {
        Console.WriteLine($"{command}: warm-up call …");
        var warmup = await MeasureAsync([call("w")]);
        if (warmup.Latencies.Count == 0)
        {
            Console.WriteLine($"  warm-up failed: {warmup.Describe()}; skipping {command}");
            return [new Figures(command, "warm-up", warmup.Latencies, warmup.Failures, BenchMachine.LoadAverage(), BenchMachine.LoadAverage())];
        }

        var figures = new List<Figures>();
        var loadBefore = BenchMachine.LoadAverage();
        var lone = new Outcomes();
        for (var i = 0; i < calls; i++)
        {
            lone.Add(await MeasureAsync([call($"{i}")]));
            await Task.Delay(1500);
        }

        figures.Add(new Figures(command, "one at a time", lone.Latencies, lone.Failures, loadBefore, BenchMachine.LoadAverage()));
        Console.WriteLine("  " + figures[^1].Line());
        if (concurrent > 0)
        {
            loadBefore = BenchMachine.LoadAverage();
            var together = await MeasureAsync(Enumerable.Range(0, concurrent).Select(i => call($"c{i}")));
            figures.Add(new Figures(command, $"{concurrent} at once", together.Latencies, together.Failures, loadBefore, BenchMachine.LoadAverage()));
            Console.WriteLine("  " + figures[^1].Line());
        }

        return figures;
    }

    private static async Task<Outcomes> MeasureAsync(IEnumerable<Task<double>> calls)
    {
        var outcomes = new Outcomes();
        foreach (var call in calls.ToList())
        {
            try
            {
                outcomes.Latencies.Add(await call);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                outcomes.Failures.Add(e.Message);
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Routes <paramref name="number"/> to the application, as assigning a number to a connection does at Telnyx
    /// (the dialect has no number API of its own yet): no answer URL of the number's own, so the application parks.
    /// </summary>
    private static async Task AssignNumberAsync(IServiceProvider services, string number, string applicationId) =>
        await services.GetRequiredService<PhoneNumberRepository>().UpsertAsync(
            new PhoneNumberRecord { AccountId = DevAccountSeeder.AccountId, Number = number, ApplicationId = applicationId, CreatedAt = DateTimeOffset.UtcNow },
            CancellationToken.None);

    private sealed class Outcomes
    {
        public List<double> Latencies { get; } = [];

        public List<string> Failures { get; } = [];

        public void Add(Outcomes other)
        {
            Latencies.AddRange(other.Latencies);
            Failures.AddRange(other.Failures);
        }

        public string Describe() => Failures.Count == 0 ? "ok" : string.Join("; ", Failures.Distinct());
    }

    private sealed record Figures(string Command, string Mode, List<double> Latencies, List<string> Failures, double LoadBefore, double LoadAfter)
    {
        private List<double> Sorted => [.. Latencies.Order()];

        public string Line()
        {
            var sorted = Sorted;
            var failures = Failures.Count == 0 ? "" : $" — first failure: {Failures[0]}";
            return $"{Command}, {Mode}: n {sorted.Count}, {Failures.Count} failed, p50 {BenchArguments.Percentile(sorted, 0.5):0.0} ms, "
                + $"p95 {BenchArguments.Percentile(sorted, 0.95):0.0} ms, max {(sorted.Count > 0 ? sorted[^1] : double.NaN):0.0} ms; load {LoadBefore:0.00} → {LoadAfter:0.00}{failures}";
        }

        public string Row()
        {
            var sorted = Sorted;
            return $"| {Command} | {Mode} | {sorted.Count} | {Failures.Count} | {BenchArguments.Percentile(sorted, 0.5):0} ms | {BenchArguments.Percentile(sorted, 0.95):0} ms | "
                + $"{(sorted.Count > 0 ? sorted[^1] : double.NaN):0} ms | {LoadBefore:0.0} → {LoadAfter:0.0} |";
        }
    }
}

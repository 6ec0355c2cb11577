using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Voice.DevHost;

namespace Voice.Bench.Inbound;

/// <summary>
/// Inbound call setup through the whole local product, driven by sipp as the caller: INVITE to the media-node with a
/// dev number in the Request-URI → incoming_call on media-events → DevHost routes it to the number's lifecycle →
/// answer webhook (<see cref="AnswerServer"/>) → answer command → the node's 200 OK. Each trial runs on a fresh stack
/// (<see cref="InboundStack"/>) after a warm-up (20 calls at 2/s), at a fixed rate for a fixed time: INVITE → 200 p50/p95 as sipp
/// timed it, failed calls (timeouts, rejects, unexpected messages, calls not placed). First a sweep over
/// <c>--rates</c> for <c>--seconds</c> each, then a search for the highest rate sustained for <c>--sustain</c> seconds
/// with 0 failed calls (and, with <c>--max-p95-ms</c>, setup p95 within that bound). Before each trial it waits for
/// a quiet machine (1-minute load ≤ <c>--max-load</c>, up to 15 minutes) and notes the load.
/// </summary>
internal static class InboundBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rates = (BenchArguments.Option(args, "--rates") ?? "5,10,20,50").Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var seconds = BenchArguments.IntOption(args, "--seconds", 20);
        var sustain = BenchArguments.IntOption(args, "--sustain", 60);
        var holdMs = BenchArguments.IntOption(args, "--hold-ms", 200);
        var receiveTimeoutMs = BenchArguments.IntOption(args, "--recv-timeout-ms", 10_000);
        var maxProbes = BenchArguments.IntOption(args, "--max-probes", 6);
        var maxP95 = BenchArguments.IntOption(args, "--max-p95-ms", 0);
        var maxLoad = double.Parse(BenchArguments.Option(args, "--max-load") ?? "1.5", CultureInfo.InvariantCulture);
        var verbose = args.Contains("--verbose");
        using var requests = args.Contains("--count-requests") ? new StorageRequestCounter() : null;
        requests?.Start();
        var configuration = ConfigOverrides(args);
        if (!SippCaller.IsInstalled())
        {
            Console.Error.WriteLine("sipp is not installed: apt-get install -y sip-tester");
            return 2;
        }

        var scenario = Path.Combine(AppContext.BaseDirectory, "Inbound", "inbound-uac.xml");
        var root = RepositoryLocator.Find();
        var work = Directory.CreateTempSubdirectory("voice-bench-inbound-").FullName;
        // Ctrl-C and SIGTERM end the run cleanly: sipp killed, the node, DevHost and Azurite stopped, files removed.
        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }

        Console.WriteLine($"inbound: sipp → media-node → DevHost (commit {Commit(root)}), flow {AnswerServer.Flow}, hold {holdMs} ms, 200 OK within {receiveTimeoutMs} ms or failed");
        if (configuration.Count > 0)
        {
            Console.WriteLine("  configuration: " + string.Join(", ", configuration.Select(c => $"{c.Key}={c.Value}")));
        }

        var trial = 0;
        var results = new List<Trial>();
        try
        {
            async Task<Trial> RunTrialAsync(double rate, int duration)
            {
                var result = await TrialAsync(root, scenario, Path.Combine(work, $"trial-{++trial}"), configuration, rate, duration, holdMs, receiveTimeoutMs, maxLoad, verbose, requests, cancel.Token);
                results.Add(result);
                Console.WriteLine("  " + result.Line());
                return result;
            }

            Console.WriteLine($"sweep: {string.Join(", ", rates)} calls/s for {seconds} s each");
            var sweep = new List<Trial>();
            foreach (var rate in rates)
            {
                sweep.Add(await RunTrialAsync(rate, seconds));
            }

            Trial? best = null;
            if (sustain > 0 && maxProbes > 0)
            {
                Console.WriteLine($"search: the highest rate sustained for {sustain} s with 0 failed calls{(maxP95 > 0 ? $" and setup p95 ≤ {maxP95} ms" : "")} (at most {maxProbes} probes)");
                bool Good(Trial t) => t.Failed == 0 && (maxP95 <= 0 || t.P95 <= maxP95);

                // Bracket from the sweep: the highest rate that passed (for the shorter time) and the lowest that did not.
                var lo = 0.0;
                var hi = sweep.Where(t => !Good(t)).Select(t => t.Rate).DefaultIfEmpty(rates.Max() * 2).Min();
                var candidate = sweep.Where(t => Good(t) && t.Rate < hi).Select(t => t.Rate).DefaultIfEmpty(Math.Max(1, hi / 2)).Max();
                for (var probe = 0; probe < maxProbes && candidate > lo && candidate < hi; probe++)
                {
                    // A sweep trial as long as a probe already answers for its rate.
                    var t = sweep.FirstOrDefault(s => s.Rate == candidate && s.Seconds >= sustain) ?? await RunTrialAsync(candidate, sustain);
                    if (Good(t))
                    {
                        lo = candidate;
                        best = t;
                    }
                    else
                    {
                        hi = candidate;
                    }

                    // Stop within 10 % (or 1 call/s) of the edge.
                    if (hi - lo <= Math.Max(1, lo * 0.1))
                    {
                        break;
                    }

                    candidate = Math.Round(lo > 0 ? (lo + hi) / 2 : hi / 2);
                }

                Console.WriteLine(best is null
                    ? $"  no rate probed was sustained for {sustain} s (lowest failing: {hi} calls/s)"
                    : $"  sustained for {sustain} s: {best.Rate} calls/s (setup p50 {best.P50:0} ms, p95 {best.P95:0} ms); {hi} calls/s was not");
            }

            Console.WriteLine();
            Console.WriteLine("| rate (calls/s) | seconds | calls | failed | setup p50 | setup p95 | setup p99 | max | 180 p50/p95 | load at start | CPU | CPU ms per call |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var t in results)
            {
                Console.WriteLine($"| {t.Rate} | {t.Seconds} | {t.Calls} | {t.Failed} | {t.P50:0} ms | {t.P95:0} ms | {t.P99:0} ms | {t.Max:0} ms | {t.RingP50:0}/{t.RingP95:0} ms | {t.Load:0.00} | {t.Cpu} | {t.CpuPerCall} |");
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        finally
        {
            if (!args.Contains("--keep"))
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                }
            }
            else
            {
                Console.WriteLine($"sipp files kept in {work}");
            }
        }
    }

    private static async Task<Trial> TrialAsync(
        string root, string scenario, string directory, IReadOnlyDictionary<string, string> configuration, double rate, int seconds,
        int holdMs, int receiveTimeoutMs, double maxLoad, bool verbose, StorageRequestCounter? requests, CancellationToken cancellationToken)
    {
        Console.WriteLine($"- {rate} calls/s for {seconds} s");
        var load = await BenchMachine.WaitQuietAsync(maxLoad, TimeSpan.FromMinutes(15), cancellationToken);
        await using var stack = await InboundStack.StartAsync(root, configuration, verbose, cancellationToken);

        // Warm-up (JIT up to tier 1, the node's TTS cache, HTTP connections, task-hub partitions owned): 10 s of calls
        // at a rate every engine carries, until a run passes whole.
        const int WarmupCalls = 20;
        for (var attempt = 1; ; attempt++)
        {
            var warm = await SippCaller.RunAsync(
                new SippCaller.Options(scenario, stack.NodeSip, InboundStack.Number, 2, WarmupCalls, holdMs, 30_000, Path.Combine(directory, $"warmup-{attempt}")), null, null, cancellationToken);
            if (warm.Successful == WarmupCalls)
            {
                break;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"warm-up calls kept failing ({warm.Failed} of {WarmupCalls}: {Describe(warm.FailureKinds)}) {warm.Errors}");
            }
        }

        await stack.WaitForNoCallsAsync(TimeSpan.FromSeconds(30));

        // What the idle stack costs (pollers, leases, the media clock): the floor under every rate. 10 s after the
        // warm-up's last call, so that work the lifecycles still had queued is done.
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        var idle = new BenchMachine.CpuWindow(stack.Processes());
        var idleRequests = requests?.Snapshot();
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        idle.Sample();
        var idleRequestRate = requests is null ? "" : StorageRequestCounter.PerSecond(idleRequests!, requests.Snapshot(), 5);
        var loadBefore = BenchMachine.LoadAverage();
        var served = stack.Answers.Served;
        var cpu = new BenchMachine.CpuWindow(stack.Processes());
        var requestsBefore = requests?.Snapshot();
        var peakActive = 0;
        var calls = (int)Math.Round(rate * seconds);
        var result = await SippCaller.RunAsync(
            new SippCaller.Options(scenario, stack.NodeSip, InboundStack.Number, rate, calls, holdMs, receiveTimeoutMs, Path.Combine(directory, "measured")),
            pid => cpu.Add("sipp", pid),
            second =>
            {
                cpu.Sample();
                if (second % 2 == 0)
                {
                    _ = Task.Run(async () =>
                    {
                        var active = await stack.ActiveCallsAsync();
                        InterlockedMax(ref peakActive, active);
                    }, CancellationToken.None);
                }

                if (verbose)
                {
                    Console.WriteLine($"    {second} s: {cpu.Describe()}");
                }
            },
            cancellationToken);
        var usage = cpu.Describe();
        var perCall = cpu.PerUnit(result.Successful + result.Failed);
        var left = await stack.WaitForNoCallsAsync(TimeSpan.FromSeconds(30));

        // Counted until the calls are over (their hangups and late steps included), then per call.
        var requestsPerCall = requests is null ? "" : StorageRequestCounter.PerCall(requestsBefore!, requests.Snapshot(), result.Successful + result.Failed) + "; " + idleRequestRate;
        var setups = result.SetupMs;
        var notPlaced = Math.Max(0, calls - result.Successful - result.Failed);
        return new Trial(
            rate, seconds, calls, result.Failed + notPlaced,
            BenchArguments.Percentile(setups, 0.5), BenchArguments.Percentile(setups, 0.95), BenchArguments.Percentile(setups, 0.99),
            setups.Count > 0 ? setups[^1] : double.NaN,
            BenchArguments.Percentile(result.RingMs, 0.5), BenchArguments.Percentile(result.RingMs, 0.95),
            double.IsNaN(load) ? loadBefore : load, loadBefore,
            idle.Describe(), usage, perCall, result.Retransmissions, peakActive, left, stack.Answers.Served - served,
            Describe(result.FailureKinds) + (notPlaced > 0 ? $" not placed {notPlaced}" : ""),
            result.Failed + notPlaced > 0 ? FirstLine(result.Errors) : "",
            requestsPerCall);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    private static string Describe(IReadOnlyDictionary<string, int> kinds) => string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"));

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Length > 0)?.Trim() ?? "";

    /// <summary><c>--config key=value</c> (repeatable): DevHost configuration, e.g. <c>DevHost:Durable:PartitionCount=1</c>.</summary>
    internal static Dictionary<string, string> ConfigOverrides(string[] args)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--config" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                overrides[key] = value;
            }
        }

        return overrides;
    }

    internal static string Commit(string root)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, UseShellExecute = false });
            var text = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private sealed record Trial(
        double Rate, int Seconds, int Calls, int Failed, double P50, double P95, double P99, double Max, double RingP50, double RingP95,
        double Load, double LoadAfterWarmup,
        string IdleCpu, string Cpu, string CpuPerCall, int Retransmissions, int PeakActiveCalls, int CallsLeft, long AnswersServed, string Failures, string FirstError, string Requests)
    {
        public string Line() =>
            $"{Rate} calls/s × {Seconds} s: {Calls} calls, {Failed} failed{(Failures.Length > 0 ? $" ({Failures})" : "")}; " +
            $"INVITE → 200 p50 {P50:0} ms, p95 {P95:0} ms, p99 {P99:0} ms, max {Max:0} ms (INVITE → 180 p50 {RingP50:0} ms, p95 {RingP95:0} ms); " +
            $"{Retransmissions} retransmissions, " +
            $"peak {PeakActiveCalls} calls on the node, {AnswersServed} answer webhooks{(CallsLeft > 0 ? $", {CallsLeft} calls left after 30 s" : "")}; " +
            $"load {Load:0.00} at start ({LoadAfterWarmup:0.00} after warm-up); CPU {Cpu}; CPU ms per call: {CpuPerCall}; idle CPU before: {IdleCpu}" +
            (Requests.Length > 0 ? $"\n    {Requests}" : "") +
            (FirstError.Length > 0 ? $"\n    first error: {FirstError}" : "");
    }
}

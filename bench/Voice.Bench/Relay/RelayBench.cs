using System.Globalization;

namespace Voice.Bench.Relay;

/// <summary>
/// Side-by-side relay benchmark (issue #21): N one-way RTP streams (N/2 bridged G.711 calls, audio both ways)
/// relayed by our media engine (the <c>relay-node</c> child: the node's clock, sessions and bridge mixer) and by
/// rtpengine in userspace, both driven by one load generator in a process of its own. Per relay and N: relay CPU
/// (% of one core and µs per stream-second), the generator's CPU, packets sent / received / lost in the window,
/// packets the relay never counted, jitter added p50/p99, the generator's own send lateness, relay RSS and RSS per
/// stream; then the ratios ours / rtpengine per N. See bench/README.md.
/// Usage: <c>relay [--streams 250,500,1000,2000] [--seconds 10] [--warmup 6] [--relay ours,rtpengine] [--threads 1] [--phases 20] [--spin 200] [--generator-phases 20] [--rtpengine-threads 2]</c>; ours's clock defaults to the node's (MediaNode ClockOptions).
/// </summary>
public static class RelayBench
{
    // The node's own clock defaults, so "ours" runs as the media-node does unless told otherwise.
    private static readonly Voice.MediaNode.Configuration.ClockOptions NodeClock = new();

    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var streams = (BenchArguments.Option(args, "--streams") ?? "250,500,1000,2000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var relays = (BenchArguments.Option(args, "--relay") ?? "ours,rtpengine").Split(',').ToList();
        var settings = new RelaySettings(
            BenchArguments.IntOption(args, "--seconds", 10),
            BenchArguments.IntOption(args, "--warmup", 6), // past a leg's 5 s answer-audio buffer: a bridge's steady state
            BenchArguments.IntOption(args, "--threads", NodeClock.Threads),
            BenchArguments.IntOption(args, "--phases", NodeClock.Phases),
            BenchArguments.IntOption(args, "--spin", NodeClock.SpinMicroseconds),
            BenchArguments.IntOption(args, "--generator-phases", 20),
            BenchArguments.IntOption(args, "--rtpengine-threads", 2));
        if (relays.Contains("rtpengine") && !RtpengineRelay.IsInstalled)
        {
            Console.Error.WriteLine("rtpengine is not installed (apt-get install rtpengine-daemon); measuring ours only");
            relays.Remove("rtpengine");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"relay bench: {settings.Seconds} s window after {settings.WarmupSeconds} s warm-up; ours: {settings.Threads} clock thread(s), {settings.Phases} phases, {settings.Spin} µs spin; rtpengine: userspace, {settings.RtpengineThreads} threads; generator: {settings.GeneratorPhases} phases; {Environment.ProcessorCount} cores, load average {BenchMachine.LoadAverage():0.00}"));
        Console.WriteLine("relay       streams  cpu%  µs/stream-s  gen cpu%     sent   received   lost  loss%  relay-missed  jitter p50/p99 ms  gen late p50/p99 ms  rss MB  KB/stream");
        var results = new List<RelayResult>();
        foreach (var n in streams)
        {
            foreach (var relay in relays)
            {
                var result = await RelayRun.MeasureAsync(settings, relay, n, CancellationToken.None);
                results.Add(result);
                Print(result);
            }
        }

        PrintRatios(results);
        return 0;
    }

    private static void Print(RelayResult r)
    {
        var g = r.Generator;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Relay,-10} {r.Streams,8} {r.CpuPercent,5:F1} {r.MicrosecondsPerStreamSecond,12:F1} {r.GeneratorCpuPercent,9:F1} {g.SentInWindow,8} {g.ReceivedInWindow,10} {g.LostInWindow,6} {r.LossPercent,6:F3} {r.InputLost,13}  {g.JitterP50 / 1000.0,7:F2} / {g.JitterP99 / 1000.0,-7:F2}  {g.LatenessP50 / 1000.0,8:F2} / {g.LatenessP99 / 1000.0,-8:F2}  {r.RssMegabytes,6:F1} {r.KilobytesPerStream,10:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    streams forwarded {g.ForwardedStreams} / re-encoded {g.ReencodedStreams} / silent {g.SilentStreams}; sent total {g.SentTotal} (errors {g.SendErrors}), relay counted {r.RelayReceived}; unknown {g.UnknownDatagrams}, reordered {g.Reordered}, out of range {g.OutOfRange}, rtcp {g.RtcpReceived}; jitter max {g.JitterMax / 1000.0:F2} ms{(g.ForwardedStreams > 0 ? $", 20 ms-grid jitter p50/p99 {g.ForwardedGridJitterP50 / 1000.0:F2}/{g.ForwardedGridJitterP99 / 1000.0:F2} ms (unmatched {g.Unmatched})" : "")}, lateness max {g.LatenessMax / 1000.0:F2} ms; window {g.WindowSeconds:F1} s, drain {g.DrainMilliseconds:F0} ms; idle rss {r.IdleRssMegabytes:F1} MB"));
        Console.WriteLine($"    cpu: {r.Machine}{(r.Details.Length > 0 ? "; " + r.Details : "")}");
    }

    private static void PrintRatios(List<RelayResult> results)
    {
        var pairs = results.GroupBy(r => r.Streams)
            .Select(g => (Streams: g.Key, Ours: g.FirstOrDefault(r => r.Relay == "ours"), Theirs: g.FirstOrDefault(r => r.Relay == "rtpengine")))
            .Where(p => p.Ours is not null && p.Theirs is not null)
            .ToList();
        if (pairs.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("ours / rtpengine   streams  cpu per stream  rss per stream  jitter p99");
        foreach (var (n, ours, theirs) in pairs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",-18} {n,7} {Ratio(ours!.MicrosecondsPerStreamSecond, theirs!.MicrosecondsPerStreamSecond),15} {Ratio(ours.KilobytesPerStream, theirs.KilobytesPerStream),15} {Ratio(ours.Generator.JitterP99, theirs.Generator.JitterP99),11}"));
        }
    }

    private static string Ratio(double ours, double theirs) => theirs > 0 ? string.Create(CultureInfo.InvariantCulture, $"{ours / theirs:F2}") : "n/a";
}

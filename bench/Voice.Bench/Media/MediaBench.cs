using System.Diagnostics;
using System.Globalization;
using System.Net;
using Voice.Bench.Generator;
using Voice.Media.Clock;
using Voice.Media.Playback;
using Voice.Media.Rtp;
using Voice.Media.Sessions;

namespace Voice.Bench.Media;

/// <summary>
/// Media engine load benchmark: N concurrent G.711 playback sessions on the media clock, each sending real RTP
/// over loopback UDP to a sink in a process of its own (the load generator's sink mode: a few sockets read with
/// recvmmsg, counted per source port), so the receiving side's CPU is not in the senders' figure. For each N it
/// reports the bench process's CPU (the senders: process CPU time / wall time, in % of one core) and the sink's,
/// RSS, packet loss (sent vs received), and p50/p99 pacing error of sent packets (time the packet left the send
/// call minus the tick's absolute deadline). It then searches the largest N with loss ≤ 0.1 % and p99 pacing ≤ 2 ms.
/// Usage: <c>media [--seconds 10] [--sizes 100,500,1000] [--no-search] [--threads 1] [--phases 1] [--spin 1000]</c>.
/// </summary>
public static class MediaBench
{
    private const double MaxLossPercent = 0.1;
    private const double MaxP99Milliseconds = 2.0;
    private const int SinkSides = 2;

    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchArguments.IntOption(args, "--seconds", 10);
        var threads = BenchArguments.IntOption(args, "--threads", 1);
        var phases = BenchArguments.IntOption(args, "--phases", 1);
        var spin = BenchArguments.IntOption(args, "--spin", 1000);
        MediaClock NewClock() => new(threads: threads, spinMicroseconds: spin, phases: phases);
        var sizes = (BenchArguments.Option(args, "--sizes") ?? "100,500,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var search = !args.Contains("--no-search");
        ThreadPool.SetMinThreads(64, 64); // as the media-node host should (see Voice.Media README)

        Console.WriteLine($"media bench: {seconds} s per run, {threads} clock thread(s), {phases} phase(s) per 20 ms, {spin} µs spin, {Environment.ProcessorCount} cores");
        Console.WriteLine("sessions  cpu%(1 core)  sink cpu%  rss MB  sent      lost     loss%   p50 ms  p99 ms  max ms  clock p99 ms  skipped ticks  ok");
        var results = new List<RunResult>();
        foreach (var n in sizes)
        {
            results.Add(await RunOnceAsync(n, seconds, NewClock));
        }

        if (search)
        {
            var best = results.Where(r => r.Passed).Select(r => r.Sessions).DefaultIfEmpty(0).Max();
            var worst = results.Where(r => !r.Passed && r.Sessions > best).Select(r => r.Sessions).DefaultIfEmpty(0).Min();
            var high = worst > 0 ? worst : Math.Max(best * 2, 200);
            if (worst == 0)
            {
                // Grow until a run fails (bounded), then bisect.
                while (high <= 8000)
                {
                    var r = await RunOnceAsync(high, seconds, NewClock);
                    results.Add(r);
                    if (!r.Passed)
                    {
                        break;
                    }

                    best = high;
                    high *= 2;
                }
            }

            for (var step = 0; step < 4 && high - best > Math.Max(50, best / 10); step++)
            {
                var middle = (best + high) / 2;
                var r = await RunOnceAsync(middle, seconds, NewClock);
                results.Add(r);
                if (r.Passed)
                {
                    best = middle;
                }
                else
                {
                    high = middle;
                }
            }

            Console.WriteLine($"largest N with loss <= {MaxLossPercent}% and p99 pacing <= {MaxP99Milliseconds} ms: {best} (first failing N tried: {high})");
        }

        return 0;
    }

    private static async Task<RunResult> RunOnceAsync(int sessions, int seconds, Func<MediaClock> newClock)
    {
        var ports = new RtpPortAllocator(20000, 59999, IPAddress.Loopback);
        var prompt = new PcmAudio(Enumerable.Range(0, 8000).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray(), 8000);
        var pacing = new PacingStatistics();
        var senders = new List<MediaSession>();
        var targets = new List<PacedSessionTarget>();
        await using var sink = await GeneratorProcess.StartAsync(SinkSides, phases: 1);
        await sink.StartSendingAsync(); // no streams: it only receives
        using var clock = newClock();
        try
        {
            for (var i = 0; i < sessions; i++)
            {
                var sockets = ports.Allocate();
                sockets.SetRemote(new IPEndPoint(IPAddress.Loopback, sink.Ports[i % SinkSides]));
                var session = new MediaSession(new MediaSessionOptions { RtcpInterval = TimeSpan.FromHours(1) }, sockets);
                session.Play(new AudioPlayer(prompt, loops: 0));
                senders.Add(session);
                var target = new PacedSessionTarget(session, pacing);
                targets.Add(target);
                clock.Register(target);
            }

            clock.Start();
            await Task.Delay(1000);
            pacing.Reset();
            clock.Pacing.Reset();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var sinkCpuBefore = sink.Child.CpuSeconds();
            var wall = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;
            var sinkCpu = (sink.Child.CpuSeconds() - sinkCpuBefore) * 1000 / wall.Elapsed.TotalMilliseconds * 100;
            var rss = process.WorkingSet64 / (1024.0 * 1024);
            targets.ForEach(t => clock.Unregister(t));

            // The sink answers once nothing has arrived for 200 ms (at most 3 s): every sent packet is in by then.
            var received = (await sink.StopAsync()).ReceivedTotal;
            var sent = senders.Sum(s => s.Counters.RtpSent);
            var lost = Math.Max(0, sent - received);
            var result = new RunResult(
                sessions,
                cpu,
                sinkCpu,
                rss,
                sent,
                lost,
                sent == 0 ? 100 : lost * 100.0 / sent,
                pacing.PercentileMicroseconds(50) / 1000.0,
                pacing.PercentileMicroseconds(99) / 1000.0,
                pacing.MaxMicroseconds / 1000.0,
                clock.Pacing.PercentileMicroseconds(99) / 1000.0,
                clock.SkippedTicks);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Sessions,8}  {result.CpuPercent,12:F1}  {result.SinkCpuPercent,9:F1}  {result.RssMegabytes,6:F0}  {result.Sent,8}  {result.Lost,7}  {result.LossPercent,6:F3}  {result.P50Milliseconds,6:F2}  {result.P99Milliseconds,6:F2}  {result.MaxMilliseconds,6:F2}  {result.ClockP99Milliseconds,12:F2}  {result.SkippedTicks,13}  {(result.Passed ? "yes" : "no")}"));
            return result;
        }
        finally
        {
            foreach (var s in senders)
            {
                await s.DisposeAsync();
            }
        }
    }

    private sealed record RunResult(int Sessions, double CpuPercent, double SinkCpuPercent, double RssMegabytes, long Sent, long Lost, double LossPercent, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds, double ClockP99Milliseconds, long SkippedTicks)
    {
        public bool Passed => LossPercent <= MaxLossPercent && P99Milliseconds <= MaxP99Milliseconds && SkippedTicks == 0;
    }
}

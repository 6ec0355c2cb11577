using System.Diagnostics;
using Voice.Bench.Generator;

namespace Voice.Bench.Relay;

/// <summary>
/// One measurement: the generator child (two sides: every leg A, every leg B), the relay child, N/2 bridged calls
/// (each direction one stream), a warm-up, the measured window (relay and generator CPU from /proc over it, the
/// relay's RSS at its end), then the generator's stop and drain and the relay's own received count.
/// </summary>
internal static class RelayRun
{
    public static async Task<RelayResult> MeasureAsync(RelaySettings settings, string relayName, int streams, CancellationToken cancellationToken)
    {
        var calls = streams / 2;
        await using var generator = await GeneratorProcess.StartAsync(sides: 2, settings.GeneratorPhases);
        await using var relay = await StartRelayAsync(settings, relayName, streams, cancellationToken);
        var idleRss = ResidentMemory.Megabytes(relay.Pid);
        var ports = await relay.BridgeAsync(calls, generator.Ports[0], generator.Ports[1], cancellationToken);

        // Call c: stream 2c is A → relay (leg A's port) → B (from leg B's port); stream 2c+1 is B → A.
        var routes = ports.SelectMany(p => new[] { new StreamRoute(0, p.LegA, 1, p.LegB), new StreamRoute(1, p.LegB, 0, p.LegA) }).ToList();
        await generator.AddStreamsAsync(routes);
        await generator.StartSendingAsync();
        await Task.Delay(TimeSpan.FromSeconds(settings.WarmupSeconds), cancellationToken);

        var window = new BenchMachine.CpuWindow(new Dictionary<string, int> { ["relay"] = relay.Pid, ["generator"] = generator.Child.Pid, ["bench"] = Environment.ProcessId });
        var relayCpu = BenchMachine.CpuSeconds(relay.Pid);
        var generatorCpu = generator.Child.CpuSeconds();
        var wall = Stopwatch.StartNew();
        await generator.MeasureAsync();
        await Task.Delay(TimeSpan.FromSeconds(settings.Seconds), cancellationToken);
        var seconds = wall.Elapsed.TotalSeconds;
        relayCpu = BenchMachine.CpuSeconds(relay.Pid) - relayCpu;
        generatorCpu = generator.Child.CpuSeconds() - generatorCpu;
        window.Sample();
        var rss = ResidentMemory.Megabytes(relay.Pid);
        var report = await generator.StopAsync();
        var received = await relay.ReceivedPacketsAsync(cancellationToken);
        var details = "";
        if (relay is OurRelay ours)
        {
            // What the calls hold live, apart from garbage that a node without allocations never collects.
            var heap = await ours.CollectAsync();
            var collectedRss = ResidentMemory.Megabytes(relay.Pid);
            details = FormattableString.Invariant($"{ours.LastCounters}; after a full GC: managed heap {heap} MB, RSS {collectedRss:F1} MB = {(collectedRss - idleRss) * 1024 / streams:F1} KB/stream");
        }

        return new RelayResult(relay.Name, streams, 100 * relayCpu / seconds, 100 * generatorCpu / seconds, rss, idleRss, received, report, window.Describe(), details);
    }

    private static async Task<IRelayUnderTest> StartRelayAsync(RelaySettings settings, string name, int streams, CancellationToken cancellationToken)
    {
        // Below the ephemeral range (32768+), above the node's default (20000-20999): 2 ports a leg, 2 legs a call.
        var (portMin, portMax) = (22000, 22000 + Math.Max(4 * streams, 2000) + 1000);
        return name switch
        {
            "ours" => await OurRelay.StartAsync(settings.Threads, settings.Phases, settings.Spin, portMin, portMax),
            "rtpengine" => await RtpengineRelay.StartAsync(portMin, portMax, settings.RtpengineThreads, cancellationToken),
            _ => throw new ArgumentException($"unknown relay '{name}' (ours, rtpengine)", nameof(name)),
        };
    }
}

/// <summary>The <c>relay</c> bench's options.</summary>
internal sealed record RelaySettings(int Seconds, int WarmupSeconds, int Threads, int Phases, int Spin, int GeneratorPhases, int RtpengineThreads);

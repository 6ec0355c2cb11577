using System.Globalization;
using System.Net;

namespace Voice.Bench.Relay;

/// <summary>
/// The hidden area <c>relay-node</c>: our media engine as a relay in a process of its own (so its CPU and RSS are
/// its own), built by <see cref="RelayNodeEngine"/> as the media-node builds bridged calls. Prints <c>up</c>; on
/// stdin, <c>calls &lt;n&gt; &lt;generatorA&gt; &lt;generatorB&gt;</c> bridges n calls and prints
/// <c>call &lt;i&gt; &lt;portA&gt; &lt;portB&gt;</c> for each, then <c>ready</c>; <c>counters</c> prints the legs' summed
/// counters; <c>collect</c> runs a full GC and prints <c>collected &lt;heap MB&gt;</c>; closing stdin ends the calls and the process.
/// </summary>
internal static class RelayNode
{
    // The node's own clock defaults, so "ours" runs as the media-node does unless told otherwise.
    private static readonly Voice.MediaNode.Configuration.ClockOptions NodeClock = new();

    public static async Task<int> RunAsync(string[] args)
    {
        // As MediaNodeApp.Build: the receive loops run on the thread pool (see media-node/Voice.Media/README.md).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        await using var engine = RelayNodeEngine.Create(
            BenchArguments.IntOption(args, "--threads", NodeClock.Threads),
            BenchArguments.IntOption(args, "--phases", NodeClock.Phases),
            BenchArguments.IntOption(args, "--spin", NodeClock.SpinMicroseconds),
            BenchArguments.IntOption(args, "--port-min", 22000),
            BenchArguments.IntOption(args, "--port-max", 31999));
        Console.WriteLine("up");
        var created = 0;
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            switch (parts)
            {
                case ["calls", var count, var a, var b]:
                    var remoteA = new IPEndPoint(IPAddress.Loopback, int.Parse(a, CultureInfo.InvariantCulture));
                    var remoteB = new IPEndPoint(IPAddress.Loopback, int.Parse(b, CultureInfo.InvariantCulture));
                    for (var i = 0; i < int.Parse(count, CultureInfo.InvariantCulture); i++, created++)
                    {
                        var ports = engine.Bridge(created, remoteA, remoteB);
                        Console.WriteLine(FormattableString.Invariant($"call {created} {ports.LegA} {ports.LegB}"));
                    }

                    Console.WriteLine("ready");
                    break;
                case ["counters"]:
                    var c = engine.Counters();
                    Console.WriteLine(FormattableString.Invariant($"counters {c.Received} {c.Sent} {c.SendFailures} {c.JitterLate} {c.JitterOverflows} {c.Concealed} {engine.SkippedTicks} {GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024)} {c.Forwarded} {c.ForwardingBridges}"));
                    break;
                case ["collect"]:
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    Console.WriteLine(FormattableString.Invariant($"collected {GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024)}"));
                    break;
                default:
                    Console.Error.WriteLine($"relay-node: unexpected command: {line}");
                    return 2;
            }
        }

        return 0;
    }
}

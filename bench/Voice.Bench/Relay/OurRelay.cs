using System.Globalization;
using Voice.Bench.Generator;

namespace Voice.Bench.Relay;

/// <summary>Our media engine as the relay under test: the <c>relay-node</c> child (<see cref="RelayNode"/>).</summary>
internal sealed class OurRelay : IRelayUnderTest
{
    private readonly BenchChild _child;

    private OurRelay(BenchChild child) => _child = child;

    public string Name => "ours";

    public int Pid => _child.Pid;

    /// <summary>Also what the node counted, the last time <see cref="ReceivedPacketsAsync"/> asked.</summary>
    public string LastCounters { get; private set; } = "";

    public static async Task<OurRelay> StartAsync(int threads, int phases, int spin, int portMin, int portMax)
    {
        var child = BenchChild.Start("relay-node", [.. new[] { ("--threads", threads), ("--phases", phases), ("--spin", spin), ("--port-min", portMin), ("--port-max", portMax) }
            .SelectMany(o => new[] { o.Item1, o.Item2.ToString(CultureInfo.InvariantCulture) })]);
        try
        {
            await child.ReadAsync("up", TimeSpan.FromSeconds(30));
            return new OurRelay(child);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<RelayCallPorts>> BridgeAsync(int calls, int generatorA, int generatorB, CancellationToken cancellationToken)
    {
        await _child.SendAsync(FormattableString.Invariant($"calls {calls} {generatorA} {generatorB}"));
        var ports = new List<RelayCallPorts>(calls);
        for (var i = 0; i < calls; i++)
        {
            var parts = (await _child.ReadAsync("call ", TimeSpan.FromSeconds(60))).Split(' ');
            ports.Add(new RelayCallPorts(int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture)));
        }

        await _child.ReadAsync("ready", TimeSpan.FromSeconds(60));
        return ports;
    }

    public async Task<long> ReceivedPacketsAsync(CancellationToken cancellationToken)
    {
        await _child.SendAsync("counters");
        var parts = (await _child.ReadAsync("counters ", TimeSpan.FromSeconds(30))).Split(' ');
        LastCounters = $"node: rtp received {parts[1]}, sent {parts[2]}, send failures {parts[3]}, jitter buffer late {parts[4]} overflows {parts[5]} concealed frames {parts[6]}, skipped ticks {parts[7]}, managed heap {parts[8]} MB, forwarded {parts[9]} packets, bridges forwarding both ways {parts[10]}";
        return long.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Has the node run a full, compacting GC; returns its managed heap in MB after it.</summary>
    public async Task<long> CollectAsync()
    {
        await _child.SendAsync("collect");
        var parts = (await _child.ReadAsync("collected ", TimeSpan.FromSeconds(30))).Split(' ');
        return long.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}

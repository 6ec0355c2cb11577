using System.Globalization;
using System.Text.Json;

namespace Voice.Bench.Generator;

/// <summary>The parent's handle on the <c>relay-generator</c> child (<see cref="LoadGenerator"/>): its ports and commands.</summary>
internal sealed class GeneratorProcess : IAsyncDisposable
{
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(30);
    private readonly BenchChild _child;

    private GeneratorProcess(BenchChild child, IReadOnlyList<int> ports)
    {
        _child = child;
        Ports = ports;
    }

    /// <summary>Each side's RTP port on 127.0.0.1 (RTCP is the next one).</summary>
    public IReadOnlyList<int> Ports { get; }

    public BenchChild Child => _child;

    public static async Task<GeneratorProcess> StartAsync(int sides, int phases)
    {
        var child = BenchChild.Start("relay-generator", ["--sides", sides.ToString(CultureInfo.InvariantCulture), "--phases", phases.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            var ports = (await child.ReadAsync("ports ", Reply)).Split(' ').Skip(1).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
            return new GeneratorProcess(child, ports);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    public async Task AddStreamsAsync(IEnumerable<StreamRoute> routes)
    {
        foreach (var route in routes)
        {
            await _child.SendAsync(route.ToLine());
        }
    }

    public async Task StartSendingAsync()
    {
        await _child.SendAsync("start");
        await _child.ReadAsync("started", Reply);
    }

    public async Task MeasureAsync()
    {
        await _child.SendAsync("measure");
        await _child.ReadAsync("measuring", Reply);
    }

    public async Task<GeneratorReport> StopAsync()
    {
        await _child.SendAsync("stop");
        var line = await _child.ReadAsync("result ", Reply);
        return JsonSerializer.Deserialize<GeneratorReport>(line["result ".Length..]) ?? throw new InvalidOperationException("empty generator result");
    }

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Voice.Media.Clock;

namespace Voice.Bench.Generator;

/// <summary>
/// The hidden area <c>relay-generator</c>: the load generator as a process of its own, so its CPU is not the
/// relay's nor the bench's. It binds <c>--sides</c> loopback endpoints (each stands for every call leg on that side)
/// and prints <c>ports p0 p1 …</c>; then reads commands on stdin: <c>stream …</c> lines (<see cref="StreamRoute"/>;
/// none = sink mode, only counting what arrives), <c>start</c> (receive, and send every stream's RTP paced by a
/// <see cref="MediaClock"/> over <c>--phases</c> phases of 20 ms), <c>measure</c> (open the window),
/// <c>stop</c> (close it, stop sending, drain until each receive thread read once after the stop and 200 ms passed
/// with nothing that counts, at most 3 s, and print
/// <c>result {json}</c>, a <see cref="GeneratorReport"/>). Ends when stdin closes.
/// </summary>
internal static class LoadGenerator
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var sideCount = BenchArguments.IntOption(args, "--sides", 2);
        var phases = BenchArguments.IntOption(args, "--phases", 20);
        var capacitySeconds = BenchArguments.IntOption(args, "--capacity-seconds", 60);
        var sides = Enumerable.Range(0, sideCount).Select(_ => GeneratorSide.Bind()).ToList();
        var routes = new List<StreamRoute>();
        Run? run = null;
        try
        {
            Console.WriteLine("ports " + string.Join(' ', sides.Select(s => s.Port.ToString(CultureInfo.InvariantCulture))));
            while (await Console.In.ReadLineAsync() is { } line)
            {
                switch (line.Split(' ')[0])
                {
                    case "stream":
                        routes.Add(StreamRoute.Parse(line));
                        break;
                    case "start":
                        run = new Run(sides, routes, phases, capacitySeconds);
                        Console.WriteLine("started");
                        break;
                    case "measure" when run is not null:
                        await run.MeasureAsync();
                        Console.WriteLine("measuring");
                        break;
                    case "stop" when run is not null:
                        Console.WriteLine("result " + JsonSerializer.Serialize(await run.StopAsync()));
                        break;
                    default:
                        Console.Error.WriteLine($"relay-generator: unexpected command: {line}");
                        return 2;
                }
            }

            return 0;
        }
        finally
        {
            run?.Dispose();
            sides.ForEach(s => s.Dispose());
        }
    }

    private static long RealtimeNanoseconds() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    private static async Task WaitAsync(Func<bool> done, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (!done() && waited.Elapsed < limit)
        {
            await Task.Delay(1);
        }
    }

    /// <summary>One run: the senders on their clock, a receive thread per side, the accounting.</summary>
    private sealed class Run : IDisposable
    {
        private readonly SendWindow _window;
        private readonly OutputStreams? _outputs;
        private readonly SinkCounts? _sink;
        private readonly MediaClock? _clock;
        private readonly List<PacedStreamSlice> _slices = [];
        private readonly PacingStatistics _lateness = new();
        private readonly List<SideReceiver> _receivers;
        private readonly RtcpDrain _rtcp;
        private long _measuredAt;
        private bool _stopped;

        public Run(List<GeneratorSide> sides, List<StreamRoute> routes, int phases, int capacitySeconds)
        {
            _window = new SendWindow(routes.Count);
            if (routes.Count > 0)
            {
                _outputs = new OutputStreams(_window, routes, sides.Count, capacitySeconds * 50);
                _receivers = [.. sides.Select((side, i) => new SideReceiver(i, side, (index, batch, k) =>
                    _outputs.OnPacket(index, batch.SourcePort(k), batch.Received(k), batch.TimestampNanoseconds(k))))];
                _clock = new MediaClock(threads: 1, spinMicroseconds: 300, phases: phases);
                foreach (var slice in routes.Select((route, stream) => (Stream: stream, Route: route)).GroupBy(s => s.Stream % phases))
                {
                    var paced = new PacedStreamSlice(_window, sides, [.. slice], _lateness);
                    _slices.Add(paced);
                    _clock.Register(paced);
                }

                _clock.Start();
            }
            else
            {
                _sink = new SinkCounts(sides.Count);
                _receivers = [.. sides.Select((side, i) => new SideReceiver(i, side, (index, batch, k) =>
                {
                    _sink.OnPacket(index, batch.SourcePort(k));
                    return true;
                }))];
            }

            _rtcp = new RtcpDrain(sides);
        }

        public async Task MeasureAsync()
        {
            _outputs?.OpenWindow(RealtimeNanoseconds());
            _measuredAt = Stopwatch.GetTimestamp();
            _window.MoveTo(SendWindow.Measuring);
            await WaitAsync(() => Interlocked.Read(ref _window.Acknowledged) >= _slices.Count, TimeSpan.FromSeconds(2));
        }

        public async Task<GeneratorReport> StopAsync()
        {
            var windowSeconds = Stopwatch.GetElapsedTime(_measuredAt).TotalSeconds;
            _outputs?.CloseWindow(RealtimeNanoseconds());
            _window.MoveTo(SendWindow.Stopped);
            await WaitAsync(() => Interlocked.Read(ref _window.Acknowledged) >= _slices.Count, TimeSpan.FromSeconds(2));
            // Drained: each receive thread has read once entirely after the stop (what was queued then is counted) and
            // nothing that counts came for 200 ms.
            var drain = Stopwatch.StartNew();
            var passes = _receivers.Select(r => r.Passes).ToList();
            await WaitAsync(() => _receivers.Select((r, i) => r.Passes >= passes[i] + 2 && Stopwatch.GetElapsedTime(r.LastCounted) >= Quiet).All(done => done), DrainLimit);
            var drained = drain.Elapsed.TotalMilliseconds;
            StopThreads();
            var totals = _outputs?.Totals(windowSeconds);
            var sink = _sink?.Totals();
            return new GeneratorReport
            {
                SentTotal = _window.SentOk.Sum(),
                SendErrors = Interlocked.Read(ref _window.SendErrors),
                SentInWindow = totals?.SentInWindow ?? 0,
                ReceivedInWindow = totals?.ReceivedInWindow ?? 0,
                LostInWindow = totals?.LostInWindow ?? 0,
                ReceivedTotal = _outputs?.Received ?? sink?.Received ?? 0,
                ForwardedStreams = totals?.Forwarded ?? 0,
                ReencodedStreams = totals?.Reencoded ?? 0,
                SilentStreams = totals?.Silent ?? 0,
                UnknownDatagrams = _outputs?.Unknown ?? 0,
                Reordered = _outputs?.Reordered ?? 0,
                OutOfRange = _outputs?.OutOfRange ?? 0,
                RtcpReceived = _rtcp.Received,
                JitterP50 = _outputs?.Jitter.PercentileMicroseconds(50) ?? 0,
                JitterP99 = _outputs?.Jitter.PercentileMicroseconds(99) ?? 0,
                JitterMax = _outputs?.Jitter.MaxMicroseconds ?? 0,
                ForwardedGridJitterP50 = _outputs?.ForwardedGridJitter.PercentileMicroseconds(50) ?? 0,
                ForwardedGridJitterP99 = _outputs?.ForwardedGridJitter.PercentileMicroseconds(99) ?? 0,
                Unmatched = _outputs?.Unmatched ?? 0,
                LatenessP50 = _lateness.PercentileMicroseconds(50),
                LatenessP99 = _lateness.PercentileMicroseconds(99),
                LatenessMax = _lateness.MaxMicroseconds,
                WindowSeconds = windowSeconds,
                DrainMilliseconds = drained,
                SinkSources = sink?.Sources ?? 0,
                SinkFewest = sink?.Fewest ?? 0,
                SinkMost = sink?.Most ?? 0,
            };
        }

        public void Dispose()
        {
            StopThreads();
            _slices.ForEach(s => s.Dispose());
        }

        private void StopThreads()
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _clock?.Dispose();
            _receivers.ForEach(r => r.Stop());
            _rtcp.Stop();
        }
    }
}

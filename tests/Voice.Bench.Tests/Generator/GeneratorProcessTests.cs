using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Voice.Bench.Generator;
using Voice.Testing;

namespace Voice.Bench.Tests.Generator;

/// <summary>The load generator as the benches run it: a child process, here against a forwarding relay in the test.</summary>
public class GeneratorProcessTests
{
    [Fact]
    public async Task The_generator_child_counts_what_a_forwarder_dropped_by_packet_number_and_ends_with_its_input()
    {
        int pid;
        GeneratorReport report;
        await using (var generator = await GeneratorProcess.StartAsync(sides: 2, phases: 4))
        {
            pid = generator.Child.Pid;
            await using var relay = new DroppingForwarder(calls: 3, generator.Ports[0], generator.Ports[1], dropEvery: 10);
            await generator.AddStreamsAsync(relay.Calls.SelectMany(c => new[] { new StreamRoute(0, c.LegA, 1, c.LegB), new StreamRoute(1, c.LegB, 0, c.LegA) }));
            await generator.StartSendingAsync();
            await generator.MeasureAsync();
            var forwardedAtStart = relay.Forwarded;
            await Eventually.HoldsAsync(() => relay.Forwarded >= forwardedAtStart + 300, "the forwarder relays 300 packets");
            report = await generator.StopAsync();
        }

        Assert.Equal(6, report.ForwardedStreams);
        Assert.Equal(0, report.SilentStreams);
        Assert.Equal(report.SentInWindow, report.ReceivedInWindow + report.LostInWindow);

        // Every tenth sequence number is dropped: a tenth of each stream's window, give or take one packet per stream.
        Assert.InRange(report.LostInWindow, (report.SentInWindow / 10) - 6, (report.SentInWindow / 10) + 6);
        Assert.True(report.SentInWindow >= 300, $"only {report.SentInWindow} packets sent in the window");
        Assert.False(Directory.Exists($"/proc/{pid}"), "the generator child still runs after its stdin closed");
    }

    [Fact]
    public async Task In_sink_mode_the_child_counts_per_source_everything_that_was_queued_before_the_stop()
    {
        await using var sink = await GeneratorProcess.StartAsync(sides: 2, phases: 1);
        await sink.StartSendingAsync();
        using var first = Bound();
        using var second = Bound();
        for (var i = 0; i < 3; i++)
        {
            first.SendTo(new byte[172], new IPEndPoint(IPAddress.Loopback, sink.Ports[i % 2]));
        }

        second.SendTo(new byte[172], new IPEndPoint(IPAddress.Loopback, sink.Ports[1]));
        second.SendTo(new byte[172], new IPEndPoint(IPAddress.Loopback, sink.Ports[1]));

        var report = await sink.StopAsync();

        Assert.Equal(5, report.ReceivedTotal);
        Assert.Equal(3, report.SinkSources); // first → side 0, first → side 1, second → side 1
        Assert.Equal(1, report.SinkFewest);
        Assert.Equal(2, report.SinkMost);
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>A relay like rtpengine, in miniature: per call two ports, each forwarding to the other leg, except every n-th sequence number.</summary>
    private sealed class DroppingForwarder : IAsyncDisposable
    {
        private readonly List<Socket> _sockets = [];
        private readonly List<Task> _loops = [];
        private readonly CancellationTokenSource _stop = new();
        private long _forwarded;

        public DroppingForwarder(int calls, int generatorA, int generatorB, int dropEvery)
        {
            for (var c = 0; c < calls; c++)
            {
                var a = Bound();
                var b = Bound();
                _sockets.AddRange([a, b]);
                Calls.Add((((IPEndPoint)a.LocalEndPoint!).Port, ((IPEndPoint)b.LocalEndPoint!).Port));
                _loops.Add(ForwardAsync(a, b, new IPEndPoint(IPAddress.Loopback, generatorB), dropEvery));
                _loops.Add(ForwardAsync(b, a, new IPEndPoint(IPAddress.Loopback, generatorA), dropEvery));
            }
        }

        public List<(int LegA, int LegB)> Calls { get; } = [];

        public long Forwarded => Interlocked.Read(ref _forwarded);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _sockets.ForEach(s => s.Dispose());
            await Task.WhenAll(_loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
            _stop.Dispose();
        }

        private async Task ForwardAsync(Socket from, Socket via, IPEndPoint to, int dropEvery)
        {
            var buffer = new byte[2048];
            while (!_stop.IsCancellationRequested)
            {
                var length = (await from.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), _stop.Token)).ReceivedBytes;
                if (length >= 12 && BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2)) % dropEvery != 0)
                {
                    await via.SendToAsync(buffer.AsMemory(0, length), to, _stop.Token);
                    Interlocked.Increment(ref _forwarded);
                }
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Voice.Media.Clock;
using Voice.Media.Codecs;
using Voice.Media.Mixing;
using Voice.Media.Playback;
using Voice.Media.Rtp;
using Voice.Media.Sessions;

namespace Voice.Bench.HotPath;

/// <summary>
/// Where a packet's time goes, piece by piece, and what the media path allocates: the user-space cost of each step
/// a relayed packet takes (receive: parse, decode, jitter buffer; tick: jitter pull, mix, encode, RTP write), one
/// leg's whole tick without the socket, the send call (.NET <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, SocketAddress)"/>)
/// on loopback, and then bytes allocated per packet with N bridged calls relaying real RTP to each other on the
/// media clock and the receive poller (GC.GetTotalAllocatedBytes over the window / packets sent and received).
/// Usage: <c>hotpath [--calls 250] [--seconds 5]</c>.
/// </summary>
public static class HotPathBench
{
    private const int Frame = 160;

    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = BenchArguments.IntOption(args, "--calls", 250);
        var seconds = BenchArguments.IntOption(args, "--seconds", 5);
        Console.WriteLine($"hot path: ns per operation (median of 7 runs of 200,000), {Environment.ProcessorCount} cores, load {BenchMachine.LoadAverage():F2}");
        var pcm = Enumerable.Range(0, Frame).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray();
        var ulaw = new byte[Frame];
        AudioCodec.Pcmu.Encode(pcm, ulaw);
        var decoded = new short[Frame];
        var datagram = new byte[1500];
        var length = RtpPacket.Write(datagram, new RtpHeader(0, 1, 160, 0x1234), ulaw);

        Report("G.711 encode, one 20 ms frame", () => AudioCodec.Pcmu.Encode(pcm, ulaw));
        Report("G.711 decode, one 20 ms frame", () => AudioCodec.Pcmu.Decode(ulaw, decoded));
        Report("RTP header + payload write", () => RtpPacket.Write(datagram, new RtpHeader(0, 1, 160, 0x1234), ulaw));
        Report("RTP parse", () => _ = RtpPacket.TryParse(datagram.AsSpan(0, length), out _));

        var mixer = new ConferenceMixer();
        var a = mixer.Join("a");
        var b = mixer.Join("b");
        Report("two-member mix (submit both, mix, read both)", () =>
        {
            a.SubmitInput(pcm);
            b.SubmitInput(pcm);
            mixer.Mix();
            a.Read(decoded);
            b.Read(decoded);
        });

        var session = new MediaSession(new MediaSessionOptions { RtcpInterval = TimeSpan.FromHours(1) }, new DiscardingTransport());
        session.Play(new AudioPlayer(new PcmAudio(pcm, 8000), loops: 0));
        ushort sequence = 0;
        uint timestamp = 0;
        var from = new IPEndPoint(IPAddress.Loopback, 4000).Serialize();
        Report("leg receive: parse + decode + jitter buffer push", () =>
        {
            var n = RtpPacket.Write(datagram, new RtpHeader(0, sequence++, timestamp += Frame, 0x1234), ulaw);
            session.OnRtp(datagram.AsSpan(0, n), from);
        });
        Report("leg tick without the socket: jitter pull + play + encode + RTP write", () => session.OnTick(new MediaTick(0, 0)));
        await session.DisposeAsync();
        await ReportForwardingAsync(ulaw, from);

        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var poller = RtpReceivePoller.Shared;
        var ports = new RtpPortAllocator(41000, 41999, IPAddress.Loopback, poller);
        await using (var receiver = ports.Allocate())
        {
            receiver.Start(new DiscardingSink());
            var target = receiver.LocalRtp.Serialize();
            Report("Socket.SendTo on loopback (kernel delivery included)", () => sender.SendTo(datagram.AsSpan(0, length), SocketFlags.None, target));
            await using var pair = ports.Allocate();
            pair.SetRemote(receiver.LocalRtp);
            Report("RtpSocketPair.SendRtp on loopback (sendto(2) directly on Linux)", () => pair.SendRtp(datagram.AsSpan(0, length)));
        }

        await MeasureAllocationsAsync(calls, seconds, ports);
        return 0;
    }

    // The bridge forwarding fast path without sockets: a received packet renumbered and sent on the other leg.
    private static async Task ReportForwardingAsync(byte[] payload, SocketAddress from)
    {
        var mixer = new ConferenceMixer();
        var options = new MediaSessionOptions { RtcpInterval = TimeSpan.FromHours(1) };
        await using var a = new MediaSession(options, new DiscardingTransport());
        await using var b = new MediaSession(options, new DiscardingTransport());
        a.JoinMixer(mixer, "a");
        b.JoinMixer(mixer, "b");
        var datagram = new byte[1500];
        ushort sequence = 0;
        uint timestamp = 0;
        int Next() => RtpPacket.Write(datagram, new RtpHeader(0, sequence++, timestamp += Frame, 0x1234), payload);
        void Period()
        {
            a.OnRtp(datagram.AsSpan(0, Next()), from);
            b.OnRtp(datagram.AsSpan(0, Next()), from);
            a.OnTick(new MediaTick(0, 0));
            b.OnTick(new MediaTick(0, 0));
            mixer.Mix();
        }

        for (var i = 0; i < 3 && !mixer.IsForwarding; i++)
        {
            Period();
        }

        Report("forwarded packet: parse + renumber + RTP write (bridge fast path)", () => a.OnRtp(datagram.AsSpan(0, Next()), from));
        Report("bridge fast path per 20 ms: 2 packets forwarded + both legs' ticks + the mixer's", Period);
        b.LeaveMixer(mixer);
        a.LeaveMixer(mixer);
    }

    private static void Report(string what, Action operation)
    {
        const int Iterations = 200_000;
        for (var i = 0; i < 20_000; i++)
        {
            operation(); // tier up
        }

        var runs = new List<double>();
        long allocated = 0;
        for (var run = 0; run < 7; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Iterations; i++)
            {
                operation();
            }

            runs.Add(watch.Elapsed.TotalNanoseconds / Iterations);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        runs.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-72} {runs[3],8:F0} ns   {allocated / (7.0 * Iterations):F2} B allocated"));
    }

    private static async Task MeasureAllocationsAsync(int calls, int seconds, RtpPortAllocator ports)
    {
        using var clock = new MediaClock(spinMicroseconds: 200, phases: 20);
        var sessions = new List<MediaSession>();
        var mixers = new List<ConferenceMixer>();
        try
        {
            for (var c = 0; c < calls; c++)
            {
                // Each call's two legs send to each other: each relays what it hears through the bridge.
                var left = ports.Allocate();
                var right = ports.Allocate();
                left.SetRemote(right.LocalRtp);
                right.SetRemote(left.LocalRtp);
                var mixer = new ConferenceMixer();
                var first = new MediaSession(new MediaSessionOptions(), left);
                var second = new MediaSession(new MediaSessionOptions(), right);
                first.JoinMixer(mixer, "a");
                second.JoinMixer(mixer, "b");

                // A third, silent member keeps this mixer mixing: as a plain bridge of two legs whose peers are each
                // other, each leg would forward what it receives back to itself (the forwarding fast path), in a loop.
                mixer.Join("monitor");
                sessions.Add(first);
                sessions.Add(second);
                mixers.Add(mixer);
                clock.Register(first);
                clock.Register(second);
                clock.Register(mixer);
            }

            using var sampler = new AllocationSampler();
            clock.Start();
            await Task.Delay(TimeSpan.FromSeconds(2)); // warm-up: tiering, buffers grown
            sampler.Reset();
            var sentBefore = sessions.Sum(s => s.Counters.RtpSent);
            var receivedBefore = sessions.Sum(s => s.Counters.RtpReceived);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var gcBefore = GC.CollectionCount(0);
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var packets = sessions.Sum(s => s.Counters.RtpSent) - sentBefore + sessions.Sum(s => s.Counters.RtpReceived) - receivedBefore;
            var sampled = string.Join(", ", sampler.Top(5).Select(p => $"{p.Key} ~{p.Value / 1000} KB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocations: {calls} bridged calls relaying RTP on the clock and the poller for {seconds} s: {packets} packets sent + received, {allocated} B allocated by the whole process ({(double)allocated / packets:F3} B per packet), {GC.CollectionCount(0) - gcBefore} gen0 GCs; sampled by type: {(sampled.Length == 0 ? "none" : sampled)}"));
        }
        finally
        {
            foreach (var s in sessions)
            {
                clock.Unregister(s);
            }

            foreach (var m in mixers)
            {
                clock.Unregister(m);
            }

            foreach (var s in sessions)
            {
                await s.DisposeAsync();
            }
        }
    }

    private sealed class DiscardingTransport : IRtpTransport
    {
        public bool SendRtp(ReadOnlySpan<byte> datagram) => true;

        public bool SendRtcp(ReadOnlySpan<byte> datagram) => true;
    }

    private sealed class DiscardingSink : IRtpPacketSink
    {
        public void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress from)
        {
        }

        public void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress from)
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Voice.Media.Rtp;
using Voice.Testing;

namespace Voice.Media.Tests.Rtp;

// Linux-only, as the poller (the CI machine is Debian).
public class RtpReceivePollerTests
{
    [Fact]
    public async Task Delivers_each_sockets_datagrams_to_its_sink_with_the_senders_address()
    {
        using var poller = new RtpReceivePoller(threads: 2);
        var start = FreePorts.NextBlock(40);
        var allocator = new RtpPortAllocator(start, start + 39, IPAddress.Loopback, poller);
        var pairs = Enumerable.Range(0, 20).Select(_ => allocator.Allocate()).ToList();
        var sinks = pairs.Select(_ => new RecordingSink()).ToList();
        try
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                pairs[i].Start(sinks[i]);
            }

            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            for (var round = 0; round < 5; round++)
            {
                for (var i = 0; i < pairs.Count; i++)
                {
                    sender.SendTo(new[] { (byte)i, (byte)round }, pairs[i].LocalRtp);
                }
            }

            sender.SendTo(new byte[] { 200 }, pairs[3].LocalRtcp);
            await Eventually.HoldsAsync(() => sinks.All(s => s.Rtp.Count == 5) && sinks[3].Rtcp.Count == 1, "five datagrams at every socket and one RTCP", 5);

            for (var i = 0; i < pairs.Count; i++)
            {
                Assert.All(sinks[i].Rtp, d => Assert.Equal((byte)i, d[0]));
                Assert.Equal([0, 1, 2, 3, 4], sinks[i].Rtp.Select(d => (int)d[1]));
            }

            Assert.Equal(new byte[] { 200 }, Assert.Single(sinks[3].Rtcp));
            Assert.Equal(sender.LocalEndPoint, sinks[0].LastFrom);
            Assert.Equal(101, poller.Datagrams);
        }
        finally
        {
            foreach (var pair in pairs)
            {
                await pair.DisposeAsync();
            }
        }

        Assert.Equal(0, poller.Count);
    }

    [Fact]
    public async Task A_removed_socket_gets_nothing_more_and_its_ports_can_be_bound_again()
    {
        using var poller = new RtpReceivePoller();
        var start = FreePorts.NextBlock(2);
        var allocator = new RtpPortAllocator(start, start + 1, IPAddress.Loopback, poller);
        var first = allocator.Allocate();
        var sink = new RecordingSink();
        first.Start(sink);
        var port = first.LocalRtp;
        await first.DisposeAsync();

        // The same ports, bound again: the new socket (likely on the same descriptor) gets only its own datagrams.
        await using var second = allocator.Allocate();
        Assert.Equal(port, second.LocalRtp);
        var secondSink = new RecordingSink();
        second.Start(secondSink);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.SendTo(new byte[] { 7 }, port);
        await Eventually.HoldsAsync(() => secondSink.Rtp.Count == 1, "the datagram at the new socket", 5);
        Assert.Empty(sink.Rtp);
        Assert.Equal(2, poller.Count);
    }

    [Fact]
    public async Task A_sink_that_throws_is_counted_and_receiving_goes_on()
    {
        using var poller = new RtpReceivePoller();
        var start = FreePorts.NextBlock(4);
        var allocator = new RtpPortAllocator(start, start + 3, IPAddress.Loopback, poller);
        await using var faulty = allocator.Allocate();
        await using var healthy = allocator.Allocate();
        var sink = new RecordingSink();
        faulty.Start(new ThrowingSink());
        healthy.Start(sink);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        sender.SendTo(new byte[] { 1 }, faulty.LocalRtp);
        sender.SendTo(new byte[] { 2 }, faulty.LocalRtp);
        await Eventually.HoldsAsync(() => poller.SinkErrors == 2, "two sink faults", 5);
        sender.SendTo(new byte[] { 3 }, healthy.LocalRtp);

        await Eventually.HoldsAsync(() => sink.Rtp.Count == 1, "the datagram at the healthy socket", 5);
        Assert.Equal(new byte[] { 3 }, sink.Rtp.Single());
    }

    [Fact]
    public async Task An_empty_datagram_is_delivered_for_the_sink_to_judge_and_one_larger_than_the_buffer_is_dropped_and_counted()
    {
        using var poller = new RtpReceivePoller();
        var start = FreePorts.NextBlock(2);
        await using var pair = new RtpPortAllocator(start, start + 1, IPAddress.Loopback, poller).Allocate();
        var sink = new RecordingSink();
        pair.Start(sink);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        sender.SendTo(Array.Empty<byte>(), pair.LocalRtp);
        sender.SendTo(new byte[4000], pair.LocalRtp);
        sender.SendTo(new byte[] { 9 }, pair.LocalRtp);

        await Eventually.HoldsAsync(() => sink.Rtp.Count == 2, "the empty and the one-byte datagram", 5);
        Assert.Equal([0, 1], sink.Rtp.Select(d => d.Length));
        Assert.Equal(1, poller.TruncatedDatagrams);
    }

    private sealed class RecordingSink : IRtpPacketSink
    {
        public ConcurrentQueue<byte[]> Rtp { get; } = new();

        public ConcurrentQueue<byte[]> Rtcp { get; } = new();

        public EndPoint? LastFrom { get; private set; }

        public void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress from)
        {
            LastFrom = new IPEndPoint(IPAddress.Any, 0).Create(from);
            Rtp.Enqueue(datagram.ToArray());
        }

        public void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress from) => Rtcp.Enqueue(datagram.ToArray());
    }

    private sealed class ThrowingSink : IRtpPacketSink
    {
        public void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress from) => throw new InvalidOperationException("sink fault");

        public void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress from) => throw new InvalidOperationException("sink fault");
    }
}

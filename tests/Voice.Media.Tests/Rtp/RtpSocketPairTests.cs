using System.Net;
using Voice.Media.Rtp;
using Voice.Testing;

namespace Voice.Media.Tests.Rtp;

public class RtpSocketPairTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pairs_use_even_rtp_and_odd_rtcp_ports_and_deliver_datagrams(bool portableReceive)
    {
        var start = FreePorts.NextBlock(8);
        var allocator = new RtpPortAllocator(start, start + 7, IPAddress.Loopback, portableReceive: portableReceive);
        await using var a = allocator.Allocate();
        await using var b = allocator.Allocate();
        var sink = new CollectingSink();
        b.Start(sink);
        a.SetRemote(b.LocalRtp);

        Assert.Equal(0, a.LocalRtp.Port % 2);
        Assert.Equal(a.LocalRtp.Port + 1, a.LocalRtcp.Port);
        Assert.NotEqual(a.LocalRtp.Port, b.LocalRtp.Port);
        Assert.True(a.SendRtp([1, 2, 3]));
        Assert.True(a.SendRtcp([4, 5]));
        var rtp = await sink.Rtp.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var rtcp = await sink.Rtcp.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new byte[] { 1, 2, 3 }, rtp);
        Assert.Equal(new byte[] { 4, 5 }, rtcp);
    }

    [Fact]
    public async Task Exhausted_range_throws_and_released_pairs_are_reused()
    {
        var start = FreePorts.NextBlock(4);
        var allocator = new RtpPortAllocator(start, start + 3, IPAddress.Loopback);
        var first = allocator.Allocate();
        await using var second = allocator.Allocate();

        Assert.Throws<InvalidOperationException>(allocator.Allocate);
        await first.DisposeAsync();
        await using var third = allocator.Allocate();
        Assert.Equal(first.LocalRtp.Port, third.LocalRtp.Port);
        Assert.Equal(2, allocator.InUse);
    }

    [Fact]
    public async Task Sending_without_a_remote_is_dropped_and_counted()
    {
        var start = FreePorts.NextBlock(2);
        await using var pair = new RtpPortAllocator(start, start + 1, IPAddress.Loopback).Allocate();

        Assert.False(pair.SendRtp([1]));
        Assert.Equal(1, pair.SendsWithoutRemote);
    }

    private sealed class CollectingSink : IRtpPacketSink
    {
        public System.Threading.Channels.Channel<byte[]> Rtp { get; } = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();

        public System.Threading.Channels.Channel<byte[]> Rtcp { get; } = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();

        public void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress from) => Rtp.Writer.TryWrite(datagram.ToArray());

        public void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress from) => Rtcp.Writer.TryWrite(datagram.ToArray());
    }
}

using Voice.Media.Rtp;

namespace Voice.Media.Tests.Rtp;

public class RtpForwardingMapTests
{
    [Fact]
    public void The_first_packet_continues_where_our_stream_stands_and_gets_the_marker()
    {
        var stream = new RtpSendStream(ssrc: 42, initialSequence: 65534, timestampOffset: 1000);
        stream.NextHeader(0, stream.CurrentTimestamp, false, 160);
        stream.Advance(160);
        var map = new RtpForwardingMap();

        Assert.True(map.TryMap(new RtpHeader(0, 9, 777_000, 5), 160, stream, 0, out var first));
        stream.RecordForwarded(first, 160);
        Assert.True(map.TryMap(new RtpHeader(0, 10, 777_160, 5), 160, stream, 0, out var second));

        Assert.Equal(new RtpHeader(0, 65535, 1160, 42, Marker: true), first);
        Assert.Equal(new RtpHeader(0, 0, 1320, 42), second); // wraps like the source
        Assert.Equal(1480u, map.HighestEnd);
    }

    [Fact]
    public void A_new_ssrc_or_a_jump_beyond_the_dropout_limit_anchors_again_after_what_was_forwarded()
    {
        var stream = new RtpSendStream(ssrc: 42, initialSequence: 100, timestampOffset: 0);
        var map = new RtpForwardingMap();
        Map(map, stream, new RtpHeader(0, 500, 8000, 5));
        Map(map, stream, new RtpHeader(0, 501, 8160, 5));

        var renewed = Map(map, stream, new RtpHeader(0, 3, 50, 6));
        var jumped = Map(map, stream, new RtpHeader(0, 20_000, 1, 6));

        Assert.Equal(new RtpHeader(0, 102, 320, 42, Marker: true), renewed);
        Assert.Equal(new RtpHeader(0, 103, 480, 42, Marker: true), jumped);
        Assert.Equal(3, map.Anchors);
    }

    [Fact]
    public void Our_stream_continues_after_forwarded_packets_that_ran_ahead_of_its_clock()
    {
        var stream = new RtpSendStream(ssrc: 42, initialSequence: 100, timestampOffset: 0);
        var map = new RtpForwardingMap();
        for (ushort i = 0; i < 5; i++)
        {
            Map(map, stream, new RtpHeader(0, i, i * 160u, 5));
        }

        stream.Advance(320); // our clock saw only two frames meanwhile
        stream.ContinueAfter(map.HighestEnd);

        Assert.Equal((ushort)105, stream.NextSequence);
        Assert.Equal(800u, stream.CurrentTimestamp);
        Assert.Equal(5, stream.PacketCount);
    }

    private static RtpHeader Map(RtpForwardingMap map, RtpSendStream stream, RtpHeader source)
    {
        Assert.True(map.TryMap(source, 160, stream, 0, out var mapped));
        stream.RecordForwarded(mapped, 160);
        return mapped;
    }
}

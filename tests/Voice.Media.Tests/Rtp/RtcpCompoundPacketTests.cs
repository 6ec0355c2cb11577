using Voice.Media.Rtp;

namespace Voice.Media.Tests.Rtp;

public class RtcpCompoundPacketTests
{
    [Fact]
    public void Sender_report_sdes_and_bye_round_trip()
    {
        var block = new RtcpReportBlock(0x11111111, 25, -3, 70000, 12, 0xABCD0000, 65536);
        var packet = new RtcpCompoundPacket();
        packet.SenderReports.Add(new RtcpSenderReport(0x22222222, 0x0123456789ABCDEF, 160000, 1000, 160000, [block]));
        packet.SourceDescriptions.Add(new RtcpSourceDescription(0x22222222, "media@node-1"));
        packet.Byes.Add(new RtcpBye([0x22222222], "hangup"));
        var buffer = new byte[512];

        var length = packet.Write(buffer);

        Assert.Equal(0, length % 4);
        Assert.True(RtcpCompoundPacket.TryParse(buffer.AsSpan(0, length), out var parsed));
        var sr = Assert.Single(parsed.SenderReports);
        Assert.Equal(0x0123456789ABCDEFul, sr.NtpTimestamp);
        Assert.Equal(1000u, sr.PacketCount);
        Assert.Equal(block, Assert.Single(sr.Reports));
        Assert.Equal("media@node-1", Assert.Single(parsed.SourceDescriptions).CanonicalName);
        var bye = Assert.Single(parsed.Byes);
        Assert.Equal("hangup", bye.Reason);
        Assert.Equal(0x22222222u, Assert.Single(bye.Ssrcs));
    }

    [Fact]
    public void Receiver_report_round_trips_and_has_rfc_layout()
    {
        var packet = new RtcpCompoundPacket();
        packet.ReceiverReports.Add(new RtcpReceiverReport(5, [new RtcpReportBlock(6, 0, 0, 1, 0, 0, 0)]));
        var buffer = new byte[64];

        var length = packet.Write(buffer);

        Assert.Equal(32, length);
        Assert.Equal(0x81, buffer[0]);
        Assert.Equal(201, buffer[1]);
        Assert.Equal(7, buffer[3]);
        Assert.True(RtcpCompoundPacket.TryParse(buffer.AsSpan(0, length), out var parsed));
        Assert.Equal(6u, Assert.Single(Assert.Single(parsed.ReceiverReports).Reports).Ssrc);
    }

    [Fact]
    public void Sdes_items_other_than_cname_are_skipped()
    {
        // RR with no blocks, then SDES: SSRC 1, NAME "ab", CNAME "x", end, padding.
        var hex = "80C90001" + "00000001" + "81CA0003" + "00000001" + "0202616201017800";
        Assert.True(RtcpCompoundPacket.TryParse(Convert.FromHexString(hex), out var parsed));
        Assert.Equal("x", Assert.Single(parsed.SourceDescriptions).CanonicalName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("80C9")]
    [InlineData("40C9000100000001")] // version 1
    [InlineData("80C9000500000001")] // length beyond the datagram
    [InlineData("81C9000100000001")] // one report block announced, none present
    [InlineData("81CA000100000001")] // SDES as first packet
    [InlineData("80C8000100000001")] // SR too short for sender info
    [InlineData("80C900010000000182CB000100000002")] // bad BYE count
    [InlineData("A0C9000100000001")] // padding flag with zero count byte
    [InlineData("80C900010000000181CA00020000000101FF0000")] // SDES item longer than the chunk
    public void Malformed_compound_packets_are_rejected(string hex)
    {
        Assert.False(RtcpCompoundPacket.TryParse(Convert.FromHexString(hex), out _));
        Assert.False(RtcpCompoundPacket.TryValidate(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void Validating_counts_byes_agrees_with_parsing_on_random_bytes_and_allocates_nothing()
    {
        var report = new RtcpCompoundPacket();
        report.SenderReports.Add(new RtcpSenderReport(1, 2, 3, 4, 5, [new RtcpReportBlock(9, 0, 0, 1, 0, 0, 0)]));
        report.SourceDescriptions.Add(new RtcpSourceDescription(1, "leg@node"));
        var buffer = new byte[256];
        var length = report.Write(buffer);
        Assert.True(RtcpCompoundPacket.TryValidate(buffer.AsSpan(0, length), out var byes));
        Assert.Equal(0, byes);
        report.Byes.Add(new RtcpBye([1], "bye"));
        var withBye = report.Write(buffer);
        Assert.True(RtcpCompoundPacket.TryValidate(buffer.AsSpan(0, withBye), out byes));
        Assert.Equal(1, byes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _ = RtcpCompoundPacket.TryValidate(buffer.AsSpan(0, withBye), out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());

        var random = new Random(11);
        var noise = new byte[128];
        for (var i = 0; i < 20000; i++)
        {
            random.NextBytes(noise);
            noise[0] = (byte)((noise[0] & 0x3F) | 0x80);
            noise[1] = (byte)(200 + (noise[1] % 5));
            var slice = noise.AsSpan(0, random.Next(noise.Length));
            var parsed = RtcpCompoundPacket.TryParse(slice, out var packet);
            Assert.Equal(parsed, RtcpCompoundPacket.TryValidate(slice, out var counted));
            if (parsed)
            {
                Assert.Equal(packet.Byes.Count, counted);
            }
        }
    }

    [Fact]
    public void Writing_a_report_allocates_nothing()
    {
        var packet = new RtcpCompoundPacket();
        packet.SenderReports.Add(new RtcpSenderReport(1, 2, 3, 4, 5, [new RtcpReportBlock(9, 0, 0, 1, 0, 0, 0)]));
        packet.SourceDescriptions.Add(new RtcpSourceDescription(1, "leg@node"));
        var buffer = new byte[256];
        _ = packet.Write(buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var length = packet.Write(buffer);

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(length > 0);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        var buffer = new byte[128];
        for (var i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = (byte)((buffer[0] & 0x3F) | 0x80);
            buffer[1] = (byte)(200 + (buffer[1] % 5));
            if (RtcpCompoundPacket.TryParse(buffer.AsSpan(0, random.Next(buffer.Length)), out var parsed))
            {
                Assert.True(parsed.SenderReports.Count + parsed.ReceiverReports.Count + parsed.Byes.Count > 0);
            }
        }
    }
}

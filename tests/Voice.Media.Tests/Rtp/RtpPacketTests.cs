using Voice.Media.Rtp;

namespace Voice.Media.Tests.Rtp;

public class RtpPacketTests
{
    [Fact]
    public void Written_packet_parses_back_with_every_field()
    {
        var buffer = new byte[1500];
        var header = new RtpHeader(96, 65535, 0xDEADBEEF, 0x01020304, Marker: true);
        uint[] csrcs = [7, 8];
        byte[] extension = [1, 2, 3, 4, 5, 6, 7, 8];
        byte[] payload = [9, 10, 11];

        var length = RtpPacket.Write(buffer, header, payload, csrcs, 0xBEDE, extension, paddingLength: 5);

        Assert.Equal(12 + 8 + 4 + 8 + 3 + 5, length);
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
        Assert.Equal(header, packet.Header);
        Assert.True(packet.Padding);
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(8u, packet.Csrc(1));
        Assert.True(packet.HasExtension);
        Assert.Equal(0xBEDE, packet.ExtensionProfile);
        Assert.Equal(extension, packet.Extension.ToArray());
        Assert.Equal(payload, packet.Payload.ToArray());
    }

    [Fact]
    public void Minimal_packet_has_expected_wire_bytes()
    {
        var buffer = new byte[32];
        var length = RtpPacket.Write(buffer, new RtpHeader(0, 0x1234, 0x11223344, 0xAABBCCDD), [0xFF]);

        Assert.Equal(new byte[] { 0x80, 0x00, 0x12, 0x34, 0x11, 0x22, 0x33, 0x44, 0xAA, 0xBB, 0xCC, 0xDD, 0xFF }, buffer[..length]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("80")]
    [InlineData("8000123411223344AABBCC")]
    [InlineData("4000123411223344AABBCCDD")] // version 1
    [InlineData("C000123411223344AABBCCDD")] // version 3
    [InlineData("8200123411223344AABBCCDD00000001")] // two CSRCs announced, one present
    [InlineData("9000123411223344AABBCCDD")] // extension bit without extension header
    [InlineData("9000123411223344AABBCCDDBEDE000200000000")] // extension longer than the packet
    [InlineData("A000123411223344AABBCCDD0103")] // padding count larger than the payload
    [InlineData("A000123411223344AABBCCDD0100")] // padding count zero
    public void Malformed_packets_are_rejected(string hex)
    {
        Assert.False(RtpPacket.TryParse(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(42);
        var buffer = new byte[64];
        for (var i = 0; i < 20000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer);
            if (RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet))
            {
                Assert.True(packet.Payload.Length <= length - RtpHeader.FixedSize);
            }
        }
    }

    [Fact]
    public void Write_refuses_a_destination_that_is_too_small()
    {
        Assert.Equal(-1, RtpPacket.Write(new byte[12], new RtpHeader(0, 1, 2, 3), [1]));
        Assert.Equal(-1, RtpPacket.Write(new byte[100], new RtpHeader(0, 1, 2, 3), [1], extension: [1, 2, 3]));
    }
}

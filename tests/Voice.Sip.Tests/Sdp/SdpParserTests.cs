using System.Text;
using Voice.Sip.Sdp;

namespace Voice.Sip.Tests.Sdp;

public sealed class SdpParserTests
{
    internal const string LinphoneOffer =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n" +
        "s=Talk\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "b=AS:64\r\n" +
        "t=0 0\r\n" +
        "a=rtcp-xr:rcvr-rtt=all\r\n" +
        "m=audio 7078 RTP/AVP 96 0 8 101 97 98\r\n" +
        "a=rtpmap:96 opus/48000/2\r\n" +
        "a=rtpmap:101 telephone-event/48000\r\n" +
        "a=rtpmap:97 telephone-event/16000\r\n" +
        "a=rtpmap:98 telephone-event/8000\r\n" +
        "a=fmtp:98 0-15\r\n" +
        "a=ptime:30\r\n" +
        "m=video 9078 RTP/AVP 99\r\n" +
        "a=rtpmap:99 VP8/90000\r\n";

    [Fact]
    public void Offer_parses_into_sessions_media_and_attributes()
    {
        Assert.True(SdpParser.TryParse(LinphoneOffer, out var sdp, out var error), error);

        Assert.Equal("2890844526", sdp.Origin.SessionId);
        Assert.Equal("192.0.2.10", sdp.Connection!.Address);
        Assert.Equal(2, sdp.Media.Count);
        var audio = sdp.Media[0];
        Assert.Equal(7078, audio.Port);
        Assert.Equal(["96", "0", "8", "101", "97", "98"], audio.Formats);
        Assert.Equal(new SdpRtpMap(96, "opus", 48000, 2), audio.RtpMap(96));
        Assert.Equal(new SdpRtpMap(0, "PCMU", 8000), audio.RtpMap(0));
        Assert.Equal("0-15", audio.Fmtp(98));
        Assert.Equal(30, audio.Ptime);
        Assert.Null(audio.Direction);
    }

    [Fact]
    public void Sdp_round_trips_through_canonical_text()
    {
        Assert.True(SdpParser.TryParse(LinphoneOffer, out var sdp, out _));

        var text = sdp.ToString();

        Assert.Equal(LinphoneOffer, text);
        Assert.True(SdpParser.TryParse(Encoding.UTF8.GetBytes(text), out var again, out _));
        Assert.Equal(text, again.ToString());
    }

    [Fact]
    public void Lf_only_line_ends_are_accepted()
    {
        Assert.True(SdpParser.TryParse(LinphoneOffer.Replace("\r\n", "\n", StringComparison.Ordinal), out var sdp, out _));
        Assert.Equal(2, sdp.Media.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("v=1\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n")]
    [InlineData("o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\ns=-\r\n")]
    [InlineData("v=0\r\ns=-\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\n")]
    [InlineData("v=0\r\no=- 1 x IN IP4 1.2.3.4\r\ns=-\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio port RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 70000 RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio -1 RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nX=upper\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\na=\r\n")]
    [InlineData("v=0\r\nv=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n")]
    public void Malformed_sdp_is_rejected(string text)
    {
        Assert.False(SdpParser.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(4566);
        var seed = Encoding.UTF8.GetBytes(LinphoneOffer);
        for (var i = 0; i < 1000; i++)
        {
            var bytes = (byte[])seed.Clone();
            for (var k = 0; k < 6; k++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var ok = SdpParser.TryParse(bytes, out var sdp, out var error);
            Assert.True(ok ? sdp is not null : error is not null);
        }
    }

    [Fact]
    public void Oversized_sdp_is_rejected()
    {
        Assert.False(SdpParser.TryParse(new byte[SdpParser.MaxLength + 1], out _, out var error));
        Assert.Equal("SDP too large", error);
    }
}

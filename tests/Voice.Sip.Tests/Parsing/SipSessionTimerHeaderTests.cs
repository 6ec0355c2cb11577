using System.Text;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.Sip.Tests.Parsing;

public sealed class SipSessionTimerHeaderTests
{
    [Theory]
    [InlineData("1800", 1800, null)]
    [InlineData("90;refresher=uac", 90, SipRefresher.Uac)]
    [InlineData(" 4000 ; refresher=UAS ", 4000, SipRefresher.Uas)]
    [InlineData("600;x-other=1;refresher=uas", 600, SipRefresher.Uas)]
    [InlineData("0090", 90, null)]
    public void Session_expires_parses_the_interval_and_refresher(string text, int seconds, SipRefresher? refresher)
    {
        Assert.True(SipSessionExpires.TryParse(text, out var header));
        Assert.Equal(new SipSessionExpires(seconds, refresher), header);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("-90")]
    [InlineData("9 0")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    [InlineData("90;refresher")]
    [InlineData("90;refresher=")]
    [InlineData("90;refresher=proxy")]
    [InlineData(";refresher=uac")]
    [InlineData("90;;")]
    [InlineData("90,100")]
    public void Malformed_session_expires_is_refused_without_throwing(string text) =>
        Assert.False(SipSessionExpires.TryParse(text, out _));

    [Theory]
    [InlineData(1800, null, "1800")]
    [InlineData(90, SipRefresher.Uac, "90;refresher=uac")]
    [InlineData(120, SipRefresher.Uas, "120;refresher=uas")]
    public void Session_expires_is_written_as_rfc_4028_shows_it(int seconds, SipRefresher? refresher, string expected)
    {
        var text = new SipSessionExpires(seconds, refresher).ToString();
        Assert.Equal(expected, text);
        Assert.True(SipSessionExpires.TryParse(text, out var again));
        Assert.Equal(new SipSessionExpires(seconds, refresher), again);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData(" 120;ext=1", 120)]
    public void Min_se_parses(string text, int seconds)
    {
        Assert.True(SipMinSe.TryParse(text, out var value));
        Assert.Equal(seconds, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ninety")]
    [InlineData("90;")]
    [InlineData("4294967296")]
    public void Malformed_min_se_is_refused(string text) => Assert.False(SipMinSe.TryParse(text, out _));

    [Fact]
    public void Compact_form_x_is_read_as_session_expires()
    {
        var text = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKx1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\n"
            + "To: <sip:bob@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nx: 90;refresher=uac\r\nk: timer\r\nMin-SE: 90\r\nContent-Length: 0\r\n\r\n";
        var result = SipMessageParser.Parse(Encoding.ASCII.GetBytes(text));
        var request = Assert.IsType<SipRequest>(result.Message);
        Assert.Equal("90;refresher=uac", request.Headers.Get(SipSessionExpires.HeaderName));
        Assert.Equal(["timer"], request.Headers.GetValues(SipHeaderNames.Supported));
    }
}

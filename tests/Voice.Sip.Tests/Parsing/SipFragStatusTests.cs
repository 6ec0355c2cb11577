using System.Text;
using Voice.Sip.Parsing;

namespace Voice.Sip.Tests.Parsing;

public sealed class SipFragStatusTests
{
    [Theory]
    [InlineData("SIP/2.0 100 Trying\r\n", 100, "Trying", false)]
    [InlineData("SIP/2.0 180 Ringing", 180, "Ringing", false)]
    [InlineData("SIP/2.0 200 OK\r\nContact: <sip:carol@192.0.2.4>\r\n\r\n", 200, "OK", true)]
    [InlineData("SIP/2.0 486 Busy Here\n", 486, "Busy Here", true)]
    [InlineData("SIP/2.0 603", 603, "", true)]
    [InlineData("SIP/2.0 503 Service Unavailable\r\n", 503, "Service Unavailable", true)]
    [InlineData("SIP/2.0 200 Très bien", 200, "Très bien", true)]
    public void Status_line_of_a_sipfrag_is_read(string body, int code, string reason, bool final)
    {
        Assert.True(SipFragStatus.TryParse(Encoding.UTF8.GetBytes(body), out var status));

        Assert.Equal(code, status.StatusCode);
        Assert.Equal(reason, status.ReasonPhrase);
        Assert.Equal(final, status.IsFinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n")]
    [InlineData("INVITE sip:carol@example.com SIP/2.0\r\n")]
    [InlineData("SIP/3.0 200 OK")]
    [InlineData("sip/2.0 200 OK")]
    [InlineData("SIP/2.0  200 OK")]
    [InlineData("SIP/2.0 20 OK")]
    [InlineData("SIP/2.0 2000 OK")]
    [InlineData("SIP/2.0 099 Odd")]
    [InlineData("SIP/2.0 700 Too High")]
    [InlineData("SIP/2.0 2x0 OK")]
    [InlineData("SIP/2.0 200OK")]
    [InlineData("SIP/2.0 200 O\u0001K")]
    [InlineData("HTTP/1.1 200 OK")]
    public void Malformed_sipfrag_is_refused(string body)
    {
        Assert.False(SipFragStatus.TryParse(Encoding.UTF8.GetBytes(body), out _));
    }

    [Fact]
    public void Invalid_utf8_and_overlong_lines_are_refused()
    {
        Assert.False(SipFragStatus.TryParse([.. "SIP/2.0 200 "u8, 0xC3, 0x28], out _));
        Assert.False(SipFragStatus.TryParse(Encoding.ASCII.GetBytes("SIP/2.0 200 " + new string('x', SipFragStatus.MaxLineLength)), out _));
    }

    [Fact]
    public void Random_bytes_never_throw_and_never_yield_an_out_of_range_code()
    {
        var random = new Random(3515);
        var buffer = new byte[64];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            var length = random.Next(buffer.Length);
            "SIP/2.0 "u8.CopyTo(buffer);
            if (SipFragStatus.TryParse(buffer.AsSpan(0, length), out var status))
            {
                Assert.InRange(status.StatusCode, 100, 699);
            }
        }
    }
}

using System.Text;
using Voice.Sip.Parsing;

namespace Voice.Sip.Tests.Parsing;

public sealed class SipStreamFramerTests
{
    private const string Message = "MESSAGE sip:b@x SIP/2.0\r\nl: 5\r\n\r\nhello";

    [Fact]
    public void Complete_message_is_framed_by_content_length()
    {
        var bytes = Encoding.ASCII.GetBytes(Message + "NEXT");

        Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryFrame(bytes, SipParserLimits.Default, out var length));
        Assert.Equal(Message.Length, length);
    }

    [Fact]
    public void Partial_message_needs_more_bytes()
    {
        var bytes = Encoding.ASCII.GetBytes(Message[..^2]);

        Assert.Equal(SipFrameStatus.NeedMore, SipStreamFramer.TryFrame(bytes, SipParserLimits.Default, out _));
    }

    [Fact]
    public void Keep_alive_crlfs_are_skipped()
    {
        Assert.Equal(SipFrameStatus.KeepAlive, SipStreamFramer.TryFrame("\r\n\r\nINV"u8, SipParserLimits.Default, out var length));
        Assert.Equal(4, length);
    }

    [Theory]
    [InlineData("MESSAGE sip:b@x SIP/2.0\r\nContent-Length: x\r\n\r\n")]
    [InlineData("MESSAGE sip:b@x SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\n")]
    [InlineData("MESSAGE sip:b@x SIP/2.0\r\nContent-Length: 999999999\r\n\r\n")]
    public void Unframeable_stream_is_malformed(string text)
    {
        Assert.Equal(SipFrameStatus.Malformed, SipStreamFramer.TryFrame(Encoding.ASCII.GetBytes(text), SipParserLimits.Default, out _));
    }

    [Fact]
    public void Endless_head_without_empty_line_is_malformed()
    {
        var bytes = Encoding.ASCII.GetBytes("INVITE sip:a@b SIP/2.0\r\n" + new string('x', 70_000));

        Assert.Equal(SipFrameStatus.Malformed, SipStreamFramer.TryFrame(bytes, SipParserLimits.Default, out _));
    }
}

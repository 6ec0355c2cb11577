using System.Text;
using Voice.Bench.Relay;

namespace Voice.Bench.Tests.Relay;

public class NgMessageTests
{
    [Fact]
    public void A_message_is_the_cookie_a_space_and_the_bencoded_dictionary_and_parses_back()
    {
        var datagram = NgMessage.Format("b1-7", new Dictionary<string, object> { ["command"] = "ping" });

        Assert.Equal("b1-7 d7:command4:pinge", Encoding.ASCII.GetString(datagram));
        Assert.True(NgMessage.TryParse(datagram, out var cookie, out var body, out var error), error);
        Assert.Equal("b1-7", cookie);
        Assert.Equal("ping", body!["command"]);
    }

    [Theory]
    [InlineData("d6:result4:ponge", "no space")]
    [InlineData(" d6:result4:ponge", "empty cookie")]
    [InlineData("c1 i1e", "not a dictionary")]
    [InlineData("c1 d6:result4:pong", "ends inside")]
    [InlineData("c1 ", "ends where a value")]
    public void Rejects_what_is_not_an_ng_message(string input, string reason)
    {
        Assert.False(NgMessage.TryParse(Encoding.ASCII.GetBytes(input), out _, out var body, out var error));

        Assert.Null(body);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public void A_cookie_must_be_one_word(string cookie)
    {
        Assert.Throws<ArgumentException>(() => NgMessage.Format(cookie, new Dictionary<string, object>()));
    }
}

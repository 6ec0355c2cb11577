using System.Text;
using Voice.Bench.Relay;

namespace Voice.Bench.Tests.Relay;

public class BencodeTests
{
    [Fact]
    public void Encodes_strings_integers_lists_and_dictionaries_with_keys_in_byte_order()
    {
        var value = new Dictionary<string, object>
        {
            ["sdp"] = "v=0",
            ["command"] = "offer",
            ["flags"] = new List<object> { "trust-address", 7L },
            ["Z"] = -3,
        };

        Assert.Equal("d1:Zi-3e7:command5:offer5:flagsl13:trust-addressi7ee3:sdp3:v=0e", Encoding.ASCII.GetString(Bencode.Encode(value)));
    }

    [Fact]
    public void Decodes_what_it_encodes_including_utf8_text_and_empty_containers()
    {
        var value = new Dictionary<string, object>
        {
            ["name"] = "Zoë ☎",
            ["empty"] = new List<object>(),
            ["nested"] = new Dictionary<string, object> { ["n"] = 0L, ["big"] = long.MaxValue, ["list"] = new List<object> { "", -1L } },
        };

        Assert.True(Bencode.TryDecode(Bencode.Encode(value), out var decoded, out var error), error);

        var dictionary = Assert.IsType<Dictionary<string, object>>(decoded);
        Assert.Equal("Zoë ☎", dictionary["name"]);
        Assert.Empty(Assert.IsType<List<object>>(dictionary["empty"]));
        var nested = Assert.IsType<Dictionary<string, object>>(dictionary["nested"]);
        Assert.Equal(0L, nested["n"]);
        Assert.Equal(long.MaxValue, nested["big"]);
        Assert.Equal(new List<object> { "", -1L }, nested["list"]);
    }

    [Fact]
    public void Decodes_an_rtpengine_answer_whose_keys_are_not_sorted()
    {
        var answer = "d7:createdi1796207103e3:sdp10:v=0\r\ns=-\r\n6:result2:oke"u8;

        Assert.True(Bencode.TryDecode(answer, out var decoded, out var error), error);

        var dictionary = Assert.IsType<Dictionary<string, object>>(decoded);
        Assert.Equal("ok", dictionary["result"]);
        Assert.Equal("v=0\r\ns=-\r\n", dictionary["sdp"]);
        Assert.Equal(1796207103L, dictionary["created"]);
    }

    [Theory]
    [InlineData("", "ends")]
    [InlineData("i", "terminating")]
    [InlineData("ie", "malformed number")]
    [InlineData("i-e", "malformed number")]
    [InlineData("i-0e", "malformed number")]
    [InlineData("i03e", "malformed number")]
    [InlineData("i+3e", "malformed number")]
    [InlineData("i1.5e", "malformed number")]
    [InlineData("i99999999999999999999e", "malformed number")]
    [InlineData("5:abc", "runs past the end")]
    [InlineData("-1:a", "unexpected byte")]
    [InlineData("01:a", "malformed number")]
    [InlineData("3abc", "terminating")]
    [InlineData("l", "ends inside")]
    [InlineData("li1e", "ends inside")]
    [InlineData("d1:ae", "has no value")]
    [InlineData("d1:a", "ends where a value")]
    [InlineData("di1ei2ee", "not a byte string")]
    [InlineData("d1:ai1e1:ai2ee", "appears twice")]
    [InlineData("x", "unexpected byte")]
    [InlineData("i1ei2e", "after the value")]
    [InlineData("4:spam ", "after the value")]
    public void Rejects_malformed_input_with_a_reason(string input, string reason)
    {
        Assert.False(Bencode.TryDecode(Encoding.ASCII.GetBytes(input), out var value, out var error));

        Assert.Null(value);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_is_accepted_up_to_the_limit_and_rejected_beyond_it()
    {
        static byte[] Lists(int depth) => Encoding.ASCII.GetBytes(new string('l', depth) + new string('e', depth));

        Assert.True(Bencode.TryDecode(Lists(Bencode.MaxDepth), out _, out _));
        Assert.False(Bencode.TryDecode(Lists(Bencode.MaxDepth + 1), out _, out var error));
        Assert.Contains("deeper", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_a_value_with_no_bencoded_form_throws()
    {
        Assert.Throws<ArgumentException>(() => Bencode.Encode(new Dictionary<string, object> { ["x"] = 1.5 }));
    }
}

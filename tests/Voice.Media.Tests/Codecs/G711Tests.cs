using Voice.Media.Codecs;

namespace Voice.Media.Tests.Codecs;

public class G711Tests
{
    [Theory]
    [InlineData((short)0, 0xFF)]
    [InlineData((short)-1, 0x7E)]
    [InlineData((short)1000, 0xCE)]
    [InlineData((short)32767, 0x80)]
    [InlineData((short)-32768, 0x00)]
    public void Mulaw_encodes_reference_values(short linear, int code)
    {
        Assert.Equal((byte)code, G711.MulawEncode(linear));
    }

    [Theory]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0xCE, 988)]
    public void Mulaw_decodes_reference_values(int code, short linear)
    {
        Assert.Equal(linear, G711.MulawDecode((byte)code));
    }

    [Theory]
    [InlineData((short)0, 0xD5)]
    [InlineData((short)-8, 0x55)]
    [InlineData((short)32767, 0xAA)]
    [InlineData((short)-32768, 0x2A)]
    public void Alaw_encodes_reference_values(short linear, int code)
    {
        Assert.Equal((byte)code, G711.AlawEncode(linear));
    }

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    public void Alaw_decodes_reference_values(int code, short linear)
    {
        Assert.Equal(linear, G711.AlawDecode((byte)code));
    }

    [Fact]
    public void Every_code_survives_decode_then_encode()
    {
        for (var code = 0; code < 256; code++)
        {
            Assert.Equal((byte)code, G711.AlawEncode(G711.AlawDecode((byte)code)));
            if (code != 0x7F)
            {
                // 0x7F is μ-law's negative zero; it decodes to 0, which encodes as positive zero 0xFF.
                Assert.Equal((byte)code, G711.MulawEncode(G711.MulawDecode((byte)code)));
            }
        }
    }

    [Fact]
    public void Encode_decode_error_stays_within_the_quantisation_step()
    {
        for (int s = short.MinValue; s <= short.MaxValue; s += 7)
        {
            var sample = (short)s;
            var magnitude = Math.Abs(s);
            var mu = G711.MulawDecode(G711.MulawEncode(sample));
            var a = G711.AlawDecode(G711.AlawEncode(sample));
            // Logarithmic quantisation: the error is bounded by about 1/16 of the magnitude plus the smallest step.
            Assert.InRange(Math.Abs(mu - s), 0, (magnitude / 16) + 16);
            Assert.InRange(Math.Abs(a - s), 0, (magnitude / 16) + 16);
            Assert.Equal(Math.Sign(s) >= 0, mu >= 0);
        }
    }

    [Fact]
    public void Span_codecs_match_the_sample_codecs()
    {
        short[] samples = [0, 100, -100, 12345, -30000];
        var bytes = new byte[samples.Length];
        var back = new short[samples.Length];

        AudioCodec.Pcma.Encode(samples, bytes);
        AudioCodec.Pcma.Decode(bytes, back);

        Assert.Equal(samples.Select(G711.AlawEncode), bytes);
        Assert.Equal(bytes.Select(G711.AlawDecode), back);
        Assert.Equal(0, AudioCodec.Pcmu.StaticPayloadType());
        Assert.Equal(8, AudioCodec.Pcma.StaticPayloadType());
    }
}

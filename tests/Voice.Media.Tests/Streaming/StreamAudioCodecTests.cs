using Voice.Media.Streaming;

namespace Voice.Media.Tests.Streaming;

public class StreamAudioCodecTests
{
    [Theory]
    [InlineData(StreamEncoding.Pcmu, 8000, 160)]
    [InlineData(StreamEncoding.Pcma, 8000, 160)]
    [InlineData(StreamEncoding.L16, 8000, 320)]
    [InlineData(StreamEncoding.L16, 16000, 640)]
    public void A_frame_encodes_to_the_formats_frame_size(StreamEncoding encoding, int rate, int bytes)
    {
        var format = new StreamAudioFormat(encoding, rate);
        var encoder = new StreamAudioEncoder(format);
        var destination = new byte[format.BytesPerFrame];

        Assert.Equal(bytes, encoder.Encode(Signals.Tone(1000, 20), destination));
        Assert.Equal(bytes, format.BytesPerFrame);
    }

    [Theory]
    [InlineData(StreamEncoding.Pcmu, 16000)]
    [InlineData(StreamEncoding.L16, 22050)]
    public void Unsupported_formats_are_refused(StreamEncoding encoding, int rate)
    {
        Assert.Throws<ArgumentException>(() => new StreamAudioEncoder(new StreamAudioFormat(encoding, rate)));
        Assert.Throws<ArgumentException>(() => new StreamAudioDecoder(new StreamAudioFormat(encoding, rate)));
    }

    [Fact]
    public void A_tone_survives_8_to_16_and_back_frame_by_frame_without_edge_clicks()
    {
        var format = new StreamAudioFormat(StreamEncoding.L16, 16000);
        var encoder = new StreamAudioEncoder(format);
        var decoder = new StreamAudioDecoder(format);
        var tone = Signals.Tone(1000, 400);
        var output = new List<short>();
        var wire = new byte[format.BytesPerFrame];
        var samples = new short[StreamAudioDecoder.MaxSamples(wire.Length)];
        for (var offset = 0; offset < tone.Length; offset += 160)
        {
            var length = encoder.Encode(tone.AsSpan(offset, 160), wire);
            var count = decoder.Decode(wire.AsSpan(0, length), samples);
            output.AddRange(samples.AsSpan(0, count));
        }

        Assert.Equal(tone.Length, output.Count);

        // Past the filters' delay the level is kept and the largest step between samples stays that of a clean sine.
        var steady = output.Skip(800).ToArray();
        Assert.InRange(Rms(steady) / Rms(tone), 0.9, 1.1);
        var maxStep = steady.Zip(steady.Skip(1), (a, b) => Math.Abs(a - b)).Max();
        var toneStep = tone.Zip(tone.Skip(1), (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(maxStep, 0, toneStep * 1.15);
    }

    [Fact]
    public void L16_split_at_an_odd_byte_loses_nothing()
    {
        var decoder = new StreamAudioDecoder(new StreamAudioFormat(StreamEncoding.L16, 8000));
        byte[] wire = [0x01, 0x00, 0x02, 0x00, 0xFF, 0x7F];
        var samples = new short[8];

        var first = decoder.Decode(wire.AsSpan(0, 3), samples);
        var second = decoder.Decode(wire.AsSpan(3), samples.AsSpan(first));

        Assert.Equal(3, first + second);
        Assert.Equal(new short[] { 1, 2, short.MaxValue }, samples[..3]);
    }

    [Fact]
    public void Mulaw_round_trips_through_the_stream_codec()
    {
        var format = StreamAudioFormat.Pcmu8k;
        var tone = Signals.Tone(440, 20);
        var wire = new byte[160];
        new StreamAudioEncoder(format).Encode(tone, wire);
        var back = new short[161];

        Assert.Equal(160, new StreamAudioDecoder(format).Decode(wire, back));
        Assert.InRange(Rms(back[..160]) / Rms(tone), 0.95, 1.05);
    }

    private static double Rms(IReadOnlyCollection<short> samples) => Math.Sqrt(samples.Average(s => (double)s * s));
}

using System.Buffers.Binary;
using Voice.Media.Dtmf;
using Voice.Media.Playback;

namespace Voice.Media.Tests.Playback;

/// <summary>WAV prompts of every common layout become 8 kHz mono with the tone at its pitch; malformed ones are reported.</summary>
public class WavLayoutsTests
{
    public static TheoryData<string> Layouts()
    {
        var layouts = new TheoryData<string>();
        foreach (var rate in new[] { 8000, 11025, 16000, 22050, 32000, 44100, 48000 })
        {
            foreach (var channels in new[] { 1, 2 })
            {
                foreach (var encoding in new[] { "-b 8 -e unsigned-integer", "-b 16 -e signed-integer", "-b 24 -e signed-integer", "-b 32 -e floating-point" })
                {
                    layouts.Add($"-r {rate} -c {channels} {encoding}");
                }
            }
        }

        layouts.Add("-r 8000 -c 1 -e u-law");
        layouts.Add("-r 8000 -c 2 -e a-law");
        layouts.Add("-r 16000 -c 1 -e u-law");
        return layouts;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Every_common_layout_becomes_8_khz_mono_with_the_tone_at_its_pitch(string format)
    {
        var bytes = await ExternalTools.SoxSynthAsync(format, "synth 0.5 sine 1000 vol 0.5");

        var result = AudioFileReader.Parse(bytes, AudioFileFormat.Detect);

        Assert.Null(result.Error);
        Assert.Equal(8000, result.Audio!.SampleRate);
        Assert.InRange(result.Audio.Samples.Length, 3990, 4010);
        var middle = result.Audio.Samples.AsSpan(1000, 1600);
        Assert.True(Goertzel.EnergyFraction(middle, 1000) > 0.95, format);
        Assert.InRange(Math.Sqrt(Goertzel.Energy(middle) / middle.Length), 0.5 * 32767 / Math.Sqrt(2) * 0.9, 0.5 * 32767 / Math.Sqrt(2) * 1.1);
    }

    [Fact]
    public async Task Wave_format_extensible_is_read_by_its_sub_format()
    {
        // sox writes 24-bit and multichannel files as WAVE_FORMAT_EXTENSIBLE.
        var bytes = await ExternalTools.SoxSynthAsync("-r 48000 -c 2 -b 24 -e signed-integer", "synth 0.5 sine 1000 vol 0.5");
        Assert.Equal(0xFFFE, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)));

        var audio = AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Audio!;

        Assert.True(Goertzel.EnergyFraction(audio.Samples.AsSpan(1000, 1600), 1000) > 0.95);
    }

    [Fact]
    public void Stereo_is_mixed_down_so_a_tone_on_one_channel_only_is_heard_at_half_level()
    {
        var left = Signals.Tone(1000, 100, sampleRate: 8000);
        var bytes = Wav(8000, 2, 16, 1, left.SelectMany(s => new[] { s, (short)0 }).SelectMany(s => BitConverter.GetBytes(s)).ToArray());

        var audio = AudioFileReader.Parse(bytes, AudioFileFormat.Detect).Audio!;

        Assert.Equal(left.Select(s => (short)(s / 2)), audio.Samples);
    }

    [Fact]
    public void Float_samples_beyond_full_scale_and_nan_are_clipped_not_wrapped()
    {
        var floats = new[] { 2f, -2f, float.NaN, 0.5f };
        var bytes = Wav(8000, 1, 32, 3, floats.SelectMany(BitConverter.GetBytes).ToArray());

        var audio = AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Audio!;

        Assert.Equal(new short[] { 32767, -32768, 0, 16384 }, audio.Samples);
    }

    [Fact]
    public void A_wav_under_a_headerless_mulaw_name_is_still_read_as_wav()
    {
        var samples = Signals.Tone(440, 20);
        var bytes = AudioFileReaderTests.Wav(samples, 8000);

        Assert.Equal(samples, AudioFileReader.Parse(bytes, AudioFileFormat.RawMulaw).Audio!.Samples);
    }

    [Theory]
    [InlineData(0, 8000, "layout")]
    [InlineData(9, 8000, "layout")]
    [InlineData(1, 0, "layout")]
    [InlineData(1, 100, "layout")]
    [InlineData(1, 10_000_000, "layout")]
    [InlineData(1, -8000, "layout")]
    public void Impossible_layouts_are_refused(int channels, int rate, string reason)
    {
        var bytes = Wav(rate, channels, 16, 1, new byte[64]);

        Assert.Contains(reason, AudioFileReader.Parse(bytes, AudioFileFormat.Detect).Error);
    }

    [Theory]
    [InlineData(1, 12)]
    [InlineData(1, 20)]
    [InlineData(3, 16)]
    [InlineData(3, 8)]
    [InlineData(2, 16)]
    [InlineData(0x55, 16)]
    public void Encodings_without_a_decoder_are_refused(int format, int bits)
    {
        var bytes = Wav(8000, 1, bits, format, new byte[64]);

        Assert.Contains("unsupported encoding", AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Error);
    }

    [Fact]
    public void A_data_chunk_longer_than_the_file_is_a_truncated_file()
    {
        var bytes = AudioFileReaderTests.Wav(Signals.Tone(440, 100), 8000);

        var result = AudioFileReader.Parse(bytes.AsSpan(0, bytes.Length / 2), AudioFileFormat.Detect);

        Assert.Null(result.Audio);
        Assert.Contains("truncated", result.Error);
    }

    [Fact]
    public void Espeak_ng_placeholder_sizes_read_to_the_end()
    {
        var samples = Signals.Tone(440, 100);
        var bytes = AudioFileReaderTests.Wav(samples, 8000);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), 0x7FFFF000);

        Assert.Equal(samples, AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Audio!.Samples);
    }

    [Theory]
    [InlineData("fmt ", 1000u, "fmt chunk runs past")]
    [InlineData("LIST", 1000u, "runs past the end")]
    [InlineData("fmt ", 8u, "fmt chunk too short")]
    public void Chunk_sizes_beyond_the_data_are_refused(string chunk, uint size, string reason)
    {
        var bytes = new byte[12 + 8 + 20];
        "RIFF"u8.CopyTo(bytes);
        "WAVE"u8.CopyTo(bytes.AsSpan(8));
        System.Text.Encoding.ASCII.GetBytes(chunk).CopyTo(bytes, 12);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), size);

        Assert.Contains(reason, AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Error);
    }

    [Fact]
    public void Content_that_is_neither_wav_nor_mp3_is_refused_when_detecting()
    {
        Assert.Equal("not a WAV or MP3 file", AudioFileReader.Parse("<html>not found</html>"u8, AudioFileFormat.Detect).Error);
        Assert.Equal("empty audio file", AudioFileReader.Parse([], AudioFileFormat.Detect).Error);
    }

    /// <summary>A WAV with a 16-byte fmt chunk of the given fields and <paramref name="data"/>.</summary>
    internal static byte[] Wav(int rate, int channels, int bits, int format, byte[] data)
    {
        var bytes = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + data.Length);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), (ushort)format);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), (ushort)bits);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), data.Length);
        data.CopyTo(bytes, 44);
        return bytes;
    }
}

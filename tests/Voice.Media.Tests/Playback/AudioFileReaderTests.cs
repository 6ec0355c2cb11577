using Voice.Media.Codecs;
using Voice.Media.Dtmf;
using Voice.Media.Playback;

namespace Voice.Media.Tests.Playback;

public class AudioFileReaderTests
{
    [Theory]
    [InlineData("-r 16000 -b 16 -c 1")]
    [InlineData("-r 8000 -b 16 -c 1")]
    [InlineData("-r 22050 -b 16 -c 1")]
    [InlineData("-r 8000 -e u-law -c 1")]
    [InlineData("-r 8000 -e a-law -c 1")]
    [InlineData("-r 16000 -b 16 -c 2")]
    [InlineData("-r 8000 -b 8 -c 1")]
    public async Task Sox_generated_wav_becomes_8_khz_with_the_tone_frequency_preserved(string format)
    {
        var bytes = await ExternalTools.SoxSynthAsync(format, "synth 0.5 sine 1000 vol 0.5");

        var result = AudioFileReader.Parse(bytes, AudioFileFormat.Wav);

        Assert.Null(result.Error);
        Assert.Equal(8000, result.Audio!.SampleRate);
        Assert.InRange(result.Audio.Samples.Length, 3990, 4010);
        var middle = result.Audio.Samples.AsSpan(1000, 1600);
        Assert.True(Goertzel.EnergyFraction(middle, 1000) > 0.9);
    }

    [Fact]
    public async Task Downsampling_removes_tones_above_the_new_nyquist_instead_of_aliasing_them()
    {
        // 5 kHz at 16 kHz would alias to 3 kHz at 8 kHz without a low-pass filter.
        var bytes = await ExternalTools.SoxSynthAsync("-r 16000 -b 16 -c 1", "synth 0.5 sine 5000 vol 0.5");

        var audio = AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Audio!;

        var middle = audio.Samples.AsSpan(1000, 1600);
        var rms = Math.Sqrt(Goertzel.Energy(middle) / middle.Length);
        Assert.True(rms < 100, $"residual rms {rms}");
    }

    [Fact]
    public void Placeholder_sizes_from_streaming_writers_read_to_the_end()
    {
        var samples = Signals.Tone(440, 100);
        var bytes = Wav(samples, 8000);
        BitConverter.GetBytes(0xFFFFFFFF).CopyTo(bytes, 4);
        BitConverter.GetBytes(0xFFFFFFFF).CopyTo(bytes, 40);

        var audio = AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Audio!;

        Assert.Equal(samples, audio.Samples);
    }

    [Fact]
    public void Unknown_chunks_before_data_are_skipped()
    {
        var samples = Signals.Tone(440, 20);
        var wav = Wav(samples, 8000);
        byte[] list = [.. "LIST"u8.ToArray(), 3, 0, 0, 0, 1, 2, 3, 0];
        var bytes = wav[..36].Concat(list).Concat(wav[36..]).ToArray();

        Assert.Equal(samples, AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Audio!.Samples);
    }

    [Fact]
    public async Task Raw_mulaw_streams_decode_at_8_khz()
    {
        var samples = Signals.Tone(1000, 40);
        var encoded = new byte[samples.Length];
        G711.MulawEncode(samples, encoded);

        var result = await AudioFileReader.ReadAsync(new MemoryStream(encoded), AudioFileFormat.RawMulaw);

        Assert.Equal(encoded.Select(G711.MulawDecode), result.Audio!.Samples);
    }

    [Fact]
    public async Task Oversized_streams_are_refused()
    {
        var result = await AudioFileReader.ReadAsync(new MemoryStream(new byte[1000]), AudioFileFormat.RawMulaw, maximumBytes: 500);

        Assert.Null(result.Audio);
        Assert.Contains("larger", result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("RIFF")]
    [InlineData("RIFF\u0004\0\0\0WAVX")]
    [InlineData("RIFF\u0004\0\0\0WAVE")]
    [InlineData("RIFF\u0004\0\0\0WAVEfmt \u0002\0\0\0\u0001\0")]
    [InlineData("RIFF\u0004\0\0\0WAVEdata\u0002\0\0\0\u0001\0")]
    public void Malformed_wav_is_reported_not_thrown(string content)
    {
        var result = AudioFileReader.Parse(content.Select(c => (byte)c).ToArray(), AudioFileFormat.Wav);

        Assert.Null(result.Audio);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    [Fact]
    public void Unsupported_encodings_are_reported()
    {
        var bytes = Wav(new short[10], 8000);
        bytes[20] = 2; // Microsoft ADPCM

        Assert.Contains("unsupported", AudioFileReader.Parse(bytes, AudioFileFormat.Wav).Error);
    }

    [Fact]
    public void Random_bytes_after_a_riff_header_never_throw()
    {
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(16, 200)];
            random.NextBytes(bytes);
            "RIFF"u8.CopyTo(bytes);
            "WAVE"u8.CopyTo(bytes.AsSpan(8));
            if (i % 2 == 0)
            {
                "fmt "u8.CopyTo(bytes.AsSpan(12));
            }

            var result = AudioFileReader.Parse(bytes, AudioFileFormat.Wav);
            Assert.True(result.Audio is not null ^ result.Error is not null);
        }
    }

    internal static byte[] Wav(short[] samples, int rate)
    {
        var bytes = new byte[WavFile.HeaderSize + (samples.Length * 2)];
        WavFile.WriteHeader(bytes, rate, 1, samples.Length * 2);
        Buffer.BlockCopy(samples, 0, bytes, WavFile.HeaderSize, samples.Length * 2);
        return bytes;
    }
}

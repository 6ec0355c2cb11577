using Voice.Media.Dtmf;
using Voice.Media.Playback;

namespace Voice.Media.Tests.Playback;

/// <summary>MP3 prompts (made here with sox and ffmpeg) decode to 8 kHz with the tone at its pitch; garbage is reported.</summary>
public class Mp3FileTests
{
    [Theory]
    [InlineData("-r 44100 -c 2", "-b:a", "128k")]
    [InlineData("-r 48000 -c 1", "-b:a", "64k")]
    [InlineData("-r 22050 -c 1", "-b:a", "32k")]
    [InlineData("-r 16000 -c 2", "-b:a", "48k")]
    [InlineData("-r 44100 -c 2", "-q:a", "4")]
    public async Task Mp3_is_detected_by_content_and_becomes_8_khz_with_the_tone_at_its_pitch(string layout, string option, string value)
    {
        var mp3 = await ToneMp3Async(layout, 1000, option, value);

        var result = AudioFileReader.Parse(mp3, AudioFileFormat.Detect);

        Assert.Null(result.Error);
        Assert.Equal(8000, result.Audio!.SampleRate);
        Assert.InRange(result.Audio.Samples.Length, 3900, 5200);
        var middle = result.Audio.Samples.AsSpan(1200, 1600);
        Assert.True(Goertzel.EnergyFraction(middle, 1000) > 0.95, $"tone fraction {Goertzel.EnergyFraction(middle, 1000)}");
        Assert.InRange(TonePeak(middle), 0.5 * 32767 * 0.85, 0.5 * 32767 * 1.15);
    }

    [Fact]
    public async Task Mpeg_2_5_mp3_at_8_khz_decodes_at_its_rate_though_nlayer_distorts_it()
    {
        // NLayer 3.0.1 decodes MPEG-2.5 (8-12 kHz) frames with audible distortion (a 1 kHz tone keeps under half its
        // energy at 1 kHz, measured here); the rate and length are right. Recordings are encoded at 16 kHz for this.
        var mp3 = await ToneMp3Async("-r 8000 -c 1", 1000, "-b:a", "32k");

        var audio = AudioFileReader.Parse(mp3, AudioFileFormat.Detect).Audio!;

        Assert.Equal(8000, audio.SampleRate);
        Assert.InRange(audio.Samples.Length, 3900, 5300);
    }

    [Fact]
    public async Task An_id3v2_tag_before_the_frames_is_skipped()
    {
        var mp3 = await ToneMp3Async("-r 44100 -c 1", 700, "-metadata", "title=prompt");
        Assert.Equal(AudioFileFormat.Mp3, AudioFileReader.DetectFormat(mp3));
        Assert.True(Id3v2Tag.Length(mp3) > 10);

        var audio = AudioFileReader.Parse(mp3, AudioFileFormat.RawMulaw).Audio!;

        Assert.True(Goertzel.EnergyFraction(audio.Samples.AsSpan(1200, 1600), 700) > 0.95);
    }

    [Fact]
    public async Task Frames_without_a_tag_are_detected_by_their_frame_sync()
    {
        var mp3 = await ToneMp3Async("-r 32000 -c 1", 1000, "-id3v2_version", "0", "-write_xing", "0");
        Assert.Equal(0xFF, mp3[0]);

        Assert.Equal(AudioFileFormat.Mp3, AudioFileReader.DetectFormat(mp3));
        Assert.Null(AudioFileReader.Parse(mp3, AudioFileFormat.Detect).Error);
    }

    [Fact]
    public async Task A_truncated_mp3_plays_the_frames_it_holds()
    {
        var mp3 = await ToneMp3Async("-r 44100 -c 2", 1000, "-b:a", "128k");

        var audio = AudioFileReader.Parse(mp3.AsSpan(0, mp3.Length / 2), AudioFileFormat.Detect).Audio!;

        Assert.InRange(audio.Samples.Length, 1500, 2600);
    }

    [Fact]
    public void Frame_headers_are_parsed_from_their_bits()
    {
        // MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding, joint stereo: 144 * 128000 / 44100 = 417 bytes.
        Assert.True(Mp3FrameHeader.TryParse([0xFF, 0xFB, 0x90, 0x44], out var header));
        Assert.Equal(new Mp3FrameHeader(44100, 2, 417), header);

        // MPEG-2.5 layer III, 8 kbit/s, 8 kHz, padded, mono: 72 * 8000 / 8000 + 1 = 73 bytes.
        Assert.True(Mp3FrameHeader.TryParse([0xFF, 0xE3, 0x1A, 0xC4], out header));
        Assert.Equal(new Mp3FrameHeader(8000, 1, 73), header);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0x90, 0x44 })] // layer I
    [InlineData(new byte[] { 0xFF, 0xEB, 0x90, 0x44 })] // reserved version
    [InlineData(new byte[] { 0xFF, 0xFB, 0xF0, 0x44 })] // bad bitrate
    [InlineData(new byte[] { 0xFF, 0xFB, 0x00, 0x44 })] // free format
    [InlineData(new byte[] { 0xFF, 0xFB, 0x9C, 0x44 })] // reserved rate
    [InlineData(new byte[] { 0xFE, 0xFB, 0x90, 0x44 })] // no sync
    public void Invalid_frame_headers_are_refused(byte[] bytes) =>
        Assert.False(Mp3FrameHeader.TryParse(bytes, out _));

    [Fact]
    public void A_lone_frame_sync_is_not_taken_for_mp3()
    {
        // One plausible header followed by garbage: no second frame where the first one's length says.
        var bytes = new byte[2000];
        new Random(3).NextBytes(bytes);
        new byte[] { 0xFF, 0xFB, 0x90, 0x44 }.CopyTo(bytes, 0);
        bytes[417] = 0;

        Assert.Null(AudioFileReader.DetectFormat(bytes));
        Assert.Equal("no MPEG layer III frames", AudioFileReader.Parse(bytes, AudioFileFormat.Mp3).Error);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'I', (byte)'D', (byte)'3', 3, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5 })]
    [InlineData(new byte[] { (byte)'I', (byte)'D', (byte)'3', 3, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F })]
    [InlineData(new byte[] { (byte)'I', (byte)'D', (byte)'3', 4, 0, 0x10, 0, 0, 0, 0 })]
    public void A_tag_without_audio_is_reported(byte[] bytes)
    {
        Assert.Equal(AudioFileFormat.Mp3, AudioFileReader.DetectFormat(bytes));
        Assert.Equal("no MPEG layer III frames", AudioFileReader.Parse(bytes, AudioFileFormat.Detect).Error);
    }

    [Fact]
    public void Id3_lookalikes_with_bad_sizes_are_not_tags()
    {
        Assert.Equal(0, Id3v2Tag.Length([(byte)'I', (byte)'D', (byte)'3', 3, 0, 0, 0x80, 0, 0, 0]));
        Assert.Equal(0, Id3v2Tag.Length([(byte)'I', (byte)'D', (byte)'3', 9, 0, 0, 0, 0, 0, 0]));
        Assert.Equal(0, Id3v2Tag.Length("ID3"u8));
    }

    [Fact]
    public async Task Garbage_frames_after_valid_headers_never_throw()
    {
        var real = await ToneMp3Async("-r 22050 -c 1", 1000, "-b:a", "32k", "-id3v2_version", "0", "-write_xing", "0");
        var random = new Random(17);
        for (var i = 0; i < 300; i++)
        {
            var bytes = (byte[])real.Clone();

            // Keep the first frame headers (so it is taken for MP3) and corrupt the rest.
            for (var k = 0; k < bytes.Length / 20; k++)
            {
                bytes[random.Next(8, bytes.Length)] = (byte)random.Next(256);
            }

            if (i % 3 == 0)
            {
                random.NextBytes(bytes.AsSpan(200));
            }

            var result = AudioFileReader.Parse(bytes.AsSpan(0, random.Next(4, bytes.Length)), AudioFileFormat.Mp3);
            Assert.True(result.Audio is not null ^ result.Error is not null);
        }
    }

    [Fact]
    public void Random_bytes_starting_with_a_frame_sync_never_throw()
    {
        var random = new Random(5);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(4, 3000)];
            random.NextBytes(bytes);
            new byte[] { 0xFF, 0xFB, 0x90, 0x44 }.CopyTo(bytes, 0);
            if (bytes.Length > 421)
            {
                new byte[] { 0xFF, 0xFB, 0x90, 0x44 }.CopyTo(bytes, 417);
            }

            var result = AudioFileReader.Parse(bytes, AudioFileFormat.Detect);
            Assert.True(result.Audio is not null ^ result.Error is not null);
        }
    }

    /// <summary>A 0.5 s sine at half scale rendered by sox in <paramref name="layout"/>, encoded to MP3 by ffmpeg.</summary>
    internal static async Task<byte[]> ToneMp3Async(string layout, int hz, params string[] ffmpegOptions)
    {
        var wav = await ExternalTools.SoxSynthAsync($"{layout} -b 16", $"synth 0.5 sine {hz} vol 0.5");
        return await ExternalTools.FfmpegMp3Async(wav, ffmpegOptions);
    }

    private static double TonePeak(ReadOnlySpan<short> samples) => Math.Sqrt(2 * Goertzel.Energy(samples) / samples.Length);
}

using Voice.Media.Dtmf;
using Voice.Media.Playback;
using Voice.Media.Recording;

namespace Voice.Media.Tests.Recording;

/// <summary>MP3 recordings encoded by ffmpeg from the recorder's WAV decode back (NLayer) to the recorded audio.</summary>
public class FfmpegMp3EncoderTests
{
    [Theory]
    [InlineData(RecordingChannels.Mono)]
    [InlineData(RecordingChannels.Dual)]
    public async Task A_recorded_wav_encoded_to_mp3_decodes_back_to_the_same_tone_and_length(RecordingChannels layout)
    {
        var wav = new MemoryStream();
        await using (var recorder = new WavRecorder(wav, layout))
        {
            var tone = Signals.Tone(1000, 2000);
            for (var i = 0; i < tone.Length; i += 160)
            {
                recorder.WriteFrame(tone.AsSpan(i, 160), new short[160]);
            }
        }

        wav.Position = 0;
        var mp3 = new MemoryStream();
        var error = await new FfmpegMp3Encoder().EncodeAsync(wav, mp3, layout == RecordingChannels.Dual ? 2 : 1);

        Assert.Null(error);
        Assert.Equal(AudioFileFormat.Mp3, AudioFileReader.DetectFormat(mp3.ToArray()));
        var decoded = AudioFileReader.Parse(mp3.ToArray(), AudioFileFormat.Detect).Audio!;
        Assert.InRange(decoded.Samples.Length, 15900, 17200);
        var middle = decoded.Samples.AsSpan(4000, 8000);
        Assert.True(Goertzel.EnergyFraction(middle, 1000) > 0.95);

        // Dual channel: the tone is on the left only, so the mono mix-down hears it at half its level.
        var expected = layout == RecordingChannels.Dual ? 0.5 : 1.0;
        var level = Math.Sqrt(Goertzel.Energy(middle) / middle.Length) / Math.Sqrt(Goertzel.Energy(Signals.Tone(1000, 500)) / 4000);
        Assert.InRange(level, expected * 0.85, expected * 1.15);
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_reported_not_thrown()
    {
        var error = await new FfmpegMp3Encoder("/nonexistent/ffmpeg").EncodeAsync(new MemoryStream(new byte[100]), new MemoryStream(), 1);

        Assert.Contains("not available", error);
    }

    [Fact]
    public async Task Input_ffmpeg_cannot_read_is_reported_with_its_exit_code()
    {
        var garbage = new byte[20000];
        new Random(1).NextBytes(garbage);

        var error = await new FfmpegMp3Encoder().EncodeAsync(new MemoryStream(garbage), new MemoryStream(), 1);

        Assert.Contains("exited with", error);
    }

    [Fact]
    public async Task Cancellation_kills_ffmpeg()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FfmpegMp3Encoder().EncodeAsync(new MemoryStream(new byte[100]), new MemoryStream(), 1, cancelled.Token));
    }
}

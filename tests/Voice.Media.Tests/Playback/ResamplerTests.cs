using Voice.Media.Dtmf;
using Voice.Media.Playback;
using Xunit.Abstractions;

namespace Voice.Media.Tests.Playback;

/// <summary>
/// The resampler to 8 kHz: what is above the new Nyquist frequency (4 kHz) is removed rather than folded back into
/// the voice band, and the voice band keeps its level. Measured at the rates prompts come in.
/// </summary>
public class ResamplerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(22050)]
    [InlineData(32000)]
    [InlineData(11025)]
    [InlineData(16000)]
    public void Tones_above_4_khz_are_attenuated_at_least_60_db_instead_of_aliasing(int rate)
    {
        var worst = double.NegativeInfinity;
        for (var hz = 4600; hz < rate / 2; hz += 300)
        {
            var level = LevelDb(rate, hz);
            worst = Math.Max(worst, level);
        }

        output.WriteLine($"{rate} Hz: worst alias {worst:F1} dB");
        Assert.True(worst < -60, $"{rate} Hz: worst alias {worst:F1} dB");
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(22050)]
    [InlineData(11025)]
    public void The_voice_band_keeps_its_level_to_3_khz_and_rolls_off_gently_at_its_edge(int rate)
    {
        foreach (var hz in new[] { 300, 1000, 2000, 3000 })
        {
            var level = LevelDb(rate, hz);
            output.WriteLine($"{rate} Hz: {hz} Hz at {level:F2} dB");
            Assert.InRange(level, -0.5, 0.5);
        }

        // The transition band starts near 3.1 kHz (cutoff 3.6 kHz): the telephone band's 3.4 kHz edge loses under 2 dB.
        Assert.InRange(LevelDb(rate, 3400), -2, 0);
    }

    [Fact]
    public void Sample_counts_follow_the_rate_ratio()
    {
        Assert.Equal(8000, Resampler.Resample(new short[44100], 44100, 8000).Length);
        Assert.Equal(8000, Resampler.Resample(new short[11025], 11025, 8000).Length);
        Assert.Equal(16000, Resampler.Resample(new short[8000], 8000, 16000).Length);
    }

    /// <summary>The level of a full-scale-ish <paramref name="hz"/> sine at <paramref name="rate"/> after resampling to 8 kHz, in dB of its input.</summary>
    private static double LevelDb(int rate, int hz)
    {
        var input = Signals.Tone(hz, 500, dbm0: -3, sampleRate: rate);
        var resampled = Resampler.Resample(input, rate, 8000);
        var middle = resampled.AsSpan(1000, 2000);
        var inRms = Math.Sqrt(Goertzel.Energy(input.AsSpan(input.Length / 4, input.Length / 2)) / (input.Length / 2));
        var outRms = Math.Sqrt(Goertzel.Energy(middle) / middle.Length);
        return 20 * Math.Log10(Math.Max(outRms, 1e-3) / inRms);
    }
}

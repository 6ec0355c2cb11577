using Voice.Media.Codecs;
using Voice.Media.Dtmf;

namespace Voice.Media.Tests.Dtmf;

public class GoertzelDtmfDetectorTests
{
    [Fact]
    public void Every_digit_at_minus_10_dbm0_is_detected_once()
    {
        const string digits = "0123456789*#ABCD";
        var audio = Signals.Concat(digits.SelectMany(d => new[] { Signals.Dtmf(d, 80), Signals.Silence(60) }).ToArray());

        Assert.Equal(digits, Signals.DetectInBand(audio));
    }

    [Fact]
    public void Digits_survive_mulaw_coding_and_additive_noise()
    {
        var tones = Signals.Concat(Signals.Dtmf('5', 100), Signals.Silence(80), Signals.Dtmf('#', 100), Signals.Silence(80), Signals.Dtmf('9', 60));
        var noisy = Signals.Add(tones, Signals.Noise(tones.Length / 8, 500));
        var coded = new byte[noisy.Length];
        var decoded = new short[noisy.Length];
        G711.MulawEncode(noisy, coded);
        G711.MulawDecode(coded, decoded);

        Assert.Equal("5#9", Signals.DetectInBand(decoded));
    }

    [Fact]
    public void Tone_shorter_than_the_minimum_duration_is_ignored()
    {
        Assert.Equal(string.Empty, Signals.DetectInBand(Signals.Concat(Signals.Silence(40), Signals.Dtmf('1', 20), Signals.Silence(60))));
    }

    [Fact]
    public void Tone_of_50_ms_is_detected()
    {
        Assert.Equal("6", Signals.DetectInBand(Signals.Concat(Signals.Silence(30), Signals.Dtmf('6', 50), Signals.Silence(60))));
    }

    [Fact]
    public void Very_weak_tones_and_single_tones_are_not_digits()
    {
        var weak = Signals.Dtmf('1', 100, dbm0PerTone: -45);
        var single = Signals.Tone(697, 200);
        var wrongTwist = Signals.Add(Signals.Tone(697, 200, -5), Signals.Tone(1209, 200, -25));

        Assert.Equal(string.Empty, Signals.DetectInBand(Signals.Concat(weak, single, wrongTwist)));
    }

    [Fact]
    public void Noise_alone_produces_no_digits()
    {
        Assert.Equal(string.Empty, Signals.DetectInBand(Signals.Noise(5000, 3000, seed: 3)));
    }

    [Fact]
    public async Task Speech_produces_no_digits()
    {
        var speech = await Signals.SpeechAsync("Hello, and thank you for calling. Please press one for sales, two for support, or stay on the line for the operator. Seven eight nine zero.");

        Assert.True(speech.Length > 8000 * 3);
        Assert.Equal(string.Empty, Signals.DetectInBand(speech));
    }

    [Fact]
    public void Goertzel_energy_fraction_is_one_for_a_pure_tone_and_near_zero_elsewhere()
    {
        var tone = Signals.Tone(1000, 100);

        Assert.InRange(Goertzel.EnergyFraction(tone, 1000), 0.95, 1.05);
        Assert.InRange(Goertzel.EnergyFraction(tone, 1500), 0, 0.01);
        Assert.Equal(0, Goertzel.EnergyFraction(new short[160], 1000));
    }
}

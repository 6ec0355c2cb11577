using Voice.Media.MachineDetection;

namespace Voice.Media.Tests.MachineDetection;

public class BeepDetectorTests
{
    [Theory]
    [InlineData(440)]
    [InlineData(1000)]
    [InlineData(1412)]
    [InlineData(1990)]
    public void A_steady_tone_is_one_beep_at_its_frequency(int frequency)
    {
        var detector = new BeepDetector();
        var beeps = Run(detector, Signals.Concat(Signals.Silence(500), Signals.Tone(frequency, 400, -15), Signals.Silence(500)));

        Assert.Equal(1, beeps);
        Assert.InRange(detector.BeepFrequency, frequency - 25, frequency + 25);
        Assert.InRange(detector.BeepStart.TotalMilliseconds, 480, 540);
    }

    [Fact]
    public void A_beep_in_noise_is_found()
    {
        var audio = Signals.Add(Signals.Concat(Signals.Silence(300), Signals.Tone(850, 300, -15)), Signals.Noise(600, 600));
        Assert.Equal(1, Run(new BeepDetector(), audio));
    }

    [Fact]
    public void A_tone_shorter_than_the_minimum_is_not_a_beep()
    {
        Assert.Equal(0, Run(new BeepDetector(), Signals.Concat(Signals.Tone(1000, 100), Signals.Silence(200))));
    }

    [Fact]
    public void Ringback_and_dtmf_are_not_beeps()
    {
        var ringback = Signals.Add(Signals.Tone(440, 1000, -19), Signals.Tone(480, 1000, -19));
        Assert.Equal(0, Run(new BeepDetector(), ringback));
        Assert.Equal(0, Run(new BeepDetector(), Signals.Dtmf('5', 500)));
    }

    [Fact]
    public void A_tone_outside_the_band_or_too_quiet_is_not_a_beep()
    {
        Assert.Equal(0, Run(new BeepDetector(), Signals.Tone(3000, 500)));
        Assert.Equal(0, Run(new BeepDetector(), Signals.Tone(1000, 500, dbm0: -50)));
    }

    [Fact]
    public async Task Speech_is_not_a_beep()
    {
        var speech = await Signals.SpeechAsync("hello, you have reached the voicemail of Sam, please leave a message", "en-us");
        Assert.Equal(0, Run(new BeepDetector(), speech));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(159)]
    [InlineData(161)]
    [InlineData(320)]
    public void A_frame_of_the_wrong_size_is_refused(int samples)
    {
        Assert.Throws<ArgumentException>(() => new BeepDetector().Process(new short[samples]));
    }

    [Fact]
    public void A_band_outside_the_telephone_range_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new BeepDetector(new BeepDetectorSettings { MinFrequency = 2000, MaxFrequency = 1000 }));
        Assert.Throws<ArgumentException>(() => new BeepDetector(new BeepDetectorSettings { MaxFrequency = 4000 }));
    }

    private static int Run(BeepDetector detector, short[] audio)
    {
        var beeps = 0;
        for (var i = 0; i + 160 <= audio.Length; i += 160)
        {
            beeps += detector.Process(audio.AsSpan(i, 160)) ? 1 : 0;
        }

        return beeps;
    }
}

using Voice.Media.MachineDetection;

namespace Voice.Media.Tests.MachineDetection;

public class AnsweringMachineClassifierTests
{
    private static readonly MachineDetectionSettings AllEnds = new() { GreetingEnd = GreetingEndReporting.All };

    [Fact]
    public async Task A_short_hello_then_silence_is_a_human_with_no_greeting_end()
    {
        var audio = Signals.Concat(Signals.Silence(300), await Signals.SpeechAsync("hello?", "en-us"), Signals.Silence(4000));
        var (result, at, greeting, _) = AnsweringMachineCorpusTests.Classify(audio, AllEnds);

        Assert.Equal(MachineDetectionResult.Human, result);
        Assert.InRange(at.TotalMilliseconds, 800, 2500);
        Assert.Null(greeting);
    }

    [Fact]
    public async Task A_long_greeting_is_a_machine_and_its_beep_ends_it()
    {
        var greeting = await Signals.SpeechAsync("you have reached the voicemail of Sam, please leave a message after the tone", "en-us");
        var audio = Signals.Concat(Signals.Silence(300), greeting, Signals.Silence(700), Signals.Tone(1000, 400, -12), Signals.Silence(1000));
        var (result, at, end, endAt) = AnsweringMachineCorpusTests.Classify(audio, AllEnds);

        Assert.Equal(MachineDetectionResult.Machine, result);
        Assert.InRange(at.TotalMilliseconds, 1500, 2600);
        Assert.Equal(GreetingEndResult.BeepDetected, end);
        var beepAt = 300 + (greeting.Length / 8.0) + 700;
        Assert.InRange(endAt.TotalMilliseconds, beepAt + 140, beepAt + 220);
    }

    [Fact]
    public async Task A_greeting_without_a_beep_ends_by_silence_or_is_not_reported_for_beep_only()
    {
        var greeting = await Signals.SpeechAsync("you have reached the voicemail of Sam, please leave a message after the tone", "en-us");
        var audio = Signals.Concat(greeting, Signals.Silence(3000));

        var all = AnsweringMachineCorpusTests.Classify(audio, AllEnds);
        Assert.Equal(GreetingEndResult.Ended, all.Greeting);
        var speechEnd = Array.FindLastIndex(greeting, s => Math.Abs((int)s) > 300) / 8.0;
        Assert.InRange(all.GreetingAt.TotalMilliseconds, speechEnd + 1400, speechEnd + 1900);

        var beepOnly = AnsweringMachineCorpusTests.Classify(audio, AllEnds with { GreetingEnd = GreetingEndReporting.BeepOnly, GreetingTotalAnalysisTime = TimeSpan.FromSeconds(2) });
        Assert.Equal(MachineDetectionResult.Machine, beepOnly.Result);
        Assert.Null(beepOnly.Greeting);
    }

    [Fact]
    public void Silence_is_not_sure_at_the_total_analysis_time()
    {
        var settings = new MachineDetectionSettings { TotalAnalysisTime = TimeSpan.FromMilliseconds(2000) };
        var (result, at, _, _) = AnsweringMachineCorpusTests.Classify(Signals.Noise(5000, 100), settings);

        Assert.Equal(MachineDetectionResult.NotSure, result);
        Assert.Equal(2000, at.TotalMilliseconds);
    }

    [Fact]
    public void Silence_is_a_machine_when_an_initial_silence_is_set()
    {
        var settings = new MachineDetectionSettings { InitialSilence = TimeSpan.FromMilliseconds(1000) };
        var (result, at, _, _) = AnsweringMachineCorpusTests.Classify(Signals.Silence(5000), settings);

        Assert.Equal(MachineDetectionResult.Machine, result);
        Assert.Equal(1000, at.TotalMilliseconds);
    }

    [Fact]
    public void A_beep_alone_means_a_machine_whose_greeting_ended()
    {
        var (result, _, greeting, _) = AnsweringMachineCorpusTests.Classify(Signals.Concat(Signals.Silence(500), Signals.Tone(1400, 400), Signals.Silence(500)), AllEnds);

        Assert.Equal(MachineDetectionResult.Machine, result);
        Assert.Equal(GreetingEndResult.BeepDetected, greeting);
    }

    [Fact]
    public async Task A_loud_noise_gate_turns_quiet_speech_into_silence()
    {
        var quiet = (await Signals.SpeechAsync("hello?", "en-us")).Select(s => (short)(s / 20)).ToArray();
        var audio = Signals.Concat(Signals.Silence(300), quiet, Signals.Silence(4000));

        Assert.Equal(MachineDetectionResult.Human, AnsweringMachineCorpusTests.Classify(audio, new MachineDetectionSettings()).Result);
        Assert.Equal(MachineDetectionResult.NotSure, AnsweringMachineCorpusTests.Classify(audio, new MachineDetectionSettings { SilenceThreshold = 2000 }).Result);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(80)]
    [InlineData(256)]
    public void A_frame_of_the_wrong_size_is_refused(int samples)
    {
        using var vad = Vad.SileroModelFile.Model.CreateDetector();
        var classifier = new AnsweringMachineClassifier(vad);
        Assert.Throws<ArgumentException>(() => classifier.Process(new short[samples]));
    }
}

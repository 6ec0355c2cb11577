using Voice.Media.Speech;
using Voice.Media.Tests.Vad;
using Voice.Testing.Speech;

namespace Voice.Media.Tests.Speech;

public class UtteranceDetectorTests
{
    private static readonly IReadOnlyList<string> Phrases = SpeechCorpus.Phrases;

    [Fact]
    public async Task An_utterance_opens_on_speech_and_ends_after_the_end_silence_with_what_was_said()
    {
        var audio = await SpeechTestAudio.CallAudioAsync("check my balance", before: 1, after: 1.5);
        using var detector = Detector(new SpeechListenerSettings { Request = new() { Phrases = Phrases }, EndSilence = TimeSpan.FromSeconds(0.8) });

        var (steps, endings) = Run(detector, audio);

        var started = Assert.Single(steps, s => s.Step.Started);
        Assert.InRange(started.At.TotalSeconds, 1.0, 1.5);
        var ending = Assert.Single(endings);
        Assert.Equal(SpeechEndReason.EndOnSilence, ending.Reason);
        Assert.True(ending.At > started.At + TimeSpan.FromSeconds(0.8), $"ended at {ending.At}");
        Assert.Equal("check my balance", (await ending.Stream.FinishAsync(CancellationToken.None)).Best?.Text);
        Assert.True(detector.IsFinished);
    }

    [Fact]
    public async Task Speech_input_without_speech_times_out_at_the_start_timeout()
    {
        using var detector = Detector(new SpeechListenerSettings { Request = new() { Phrases = Phrases }, StartTimeout = TimeSpan.FromSeconds(2) });

        var (steps, endings) = Run(detector, new short[8000 * 4]);

        var timedOut = Assert.Single(steps, s => s.Step.TimedOut);
        Assert.Equal(TimeSpan.FromSeconds(2), timedOut.At);
        Assert.Empty(endings);
        Assert.True(detector.IsFinished);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_long_utterance_is_cut_at_the_longest_duration()
    {
        var audio = await SpeechTestAudio.CallAudioAsync(
            "you have reached the voicemail of somebody who talks for a very long time about nothing at all", before: 0.5, after: 0.5);
        using var detector = Detector(new SpeechListenerSettings { MaxUtterance = TimeSpan.FromSeconds(1.5) });

        var (_, endings) = Run(detector, audio);

        var ending = Assert.Single(endings);
        Assert.Equal(SpeechEndReason.MaxDuration, ending.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1.5), ending.Duration);
        ending.Stream.Dispose();
    }

    [Fact]
    public async Task Continuous_listening_cuts_every_utterance_in_order()
    {
        var first = await SpeechTestAudio.CallAudioAsync("pay my bill", before: 0.5, after: 1.2);
        var second = await SpeechTestAudio.CallAudioAsync("main menu", before: 0.2, after: 1.2);
        using var detector = Detector(new SpeechListenerSettings { Continuous = true, Request = new() { Phrases = Phrases }, EndSilence = TimeSpan.FromSeconds(0.6) });

        var (_, endings) = Run(detector, [.. first, .. second]);

        Assert.Equal(2, endings.Count);
        Assert.Equal("pay my bill", (await endings[0].Stream.FinishAsync(CancellationToken.None)).Best?.Text);
        Assert.Equal("main menu", (await endings[1].Stream.FinishAsync(CancellationToken.None)).Best?.Text);
        Assert.False(detector.IsFinished);
    }

    [Fact]
    public async Task Partial_results_come_while_speaking_when_asked_for()
    {
        var audio = await SpeechTestAudio.CallAudioAsync("talk to an agent", before: 0.5, after: 1.0);
        using var detector = Detector(new SpeechListenerSettings { Request = new() { Phrases = Phrases }, PartialInterval = TimeSpan.FromMilliseconds(200) });

        var (steps, endings) = Run(detector, audio);

        var partials = steps.Where(s => s.Step.Partial is not null).ToList();
        Assert.NotEmpty(partials);
        Assert.All(partials, p => Assert.True(p.At < endings.Single().At));
        endings.Single().Stream.Dispose();
    }

    [Fact]
    public async Task Stopping_in_the_middle_of_speech_ends_the_utterance_as_stopped()
    {
        var audio = await SpeechTestAudio.CallAudioAsync("technical support", before: 0.5, after: 0);
        using var detector = Detector(new SpeechListenerSettings { Request = new() { Phrases = Phrases } });
        var half = audio.Length / 320 * 160;

        var (_, endings) = Run(detector, audio[..(half + 4000)]);
        var stopped = detector.Stop();

        Assert.Empty(endings);
        Assert.NotNull(stopped);
        Assert.Equal(SpeechEndReason.Stopped, stopped.Reason);
        stopped.Stream.Dispose();
        Assert.Null(detector.Stop());
    }

    [Fact]
    public async Task Clean_audio_without_line_noise_is_recognized_too()
    {
        var speech = await SpeechTestAudio.Tts.SynthesizeAsync("main menu", "en-us", 160);
        short[] audio = [.. new short[8000], .. speech.Samples, .. new short[12000 + 160 - (speech.Samples.Length % 160)]];
        using var detector = Detector(new SpeechListenerSettings { Request = new() { Phrases = Phrases } });

        var (_, endings) = Run(detector, audio);

        Assert.Equal("main menu", (await Assert.Single(endings).Stream.FinishAsync(CancellationToken.None)).Best?.Text);
    }

    [Fact]
    public void Frames_must_be_20_ms()
    {
        using var detector = Detector(new SpeechListenerSettings());

        Assert.Throws<ArgumentException>(() => detector.Process(new short[100]));
    }

    private static UtteranceDetector Detector(SpeechListenerSettings settings) =>
        new(SpeechTestAudio.Recognizer, SileroModelFile.Model.CreateDetector(), settings);

    private static (List<(TimeSpan At, UtteranceStep Step)> Steps, List<UtteranceEnding> Endings) Run(UtteranceDetector detector, short[] audio)
    {
        var steps = new List<(TimeSpan, UtteranceStep)>();
        var endings = new List<UtteranceEnding>();
        for (var i = 0; i + 160 <= audio.Length; i += 160)
        {
            var step = detector.Process(audio.AsSpan(i, 160));
            steps.Add((detector.Now, step));
            if (step.Ended is { } ending)
            {
                endings.Add(ending);
            }
        }

        return (steps, endings);
    }
}

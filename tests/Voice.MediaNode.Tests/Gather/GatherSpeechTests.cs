using Voice.Media.Contracts;
using Voice.MediaNode.Gather;

namespace Voice.MediaNode.Tests.Gather;

public sealed class GatherSpeechTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SpeechInputResult Heard = new() { Results = [new("main menu", 0.9)], EndReason = SpeechEndReasons.EndOnSilence };

    private static GatherSession Session(bool prompts = false, bool dtmf = true) =>
        new(new GatherCommand
        {
            Id = "c1",
            CallId = "k1",
            TimeoutSeconds = 5,
            InterDigitTimeoutSeconds = 2,
            Dtmf = dtmf,
            Speech = new SpeechSettings(),
            Prompts = prompts ? [new GatherPrompt { Text = "Say what you want" }] : [],
        });

    [Fact]
    public void Speech_during_the_prompts_stops_them_and_holds_the_timeout_until_its_result()
    {
        var gather = Session(prompts: true);
        gather.Start(T0);

        Assert.True(gather.SpeechStarted());
        Assert.Null(gather.Deadline);
        gather.Tick(T0.AddMinutes(5));
        Assert.Null(gather.Outcome);
        gather.SpeechEnded(Heard);

        Assert.Equal(new GatherOutcome("", GatherOutcome.Spoken) { Speech = Heard }, gather.Outcome);
    }

    [Fact]
    public void Speech_after_the_prompts_is_no_barge_in()
    {
        var gather = Session(prompts: true);
        gather.Start(T0);
        gather.PromptsFinished(T0.AddSeconds(2));

        Assert.False(gather.SpeechStarted());
        Assert.True(gather.HearingSpeech);
    }

    [Fact]
    public void A_digit_takes_over_and_a_late_speech_result_is_ignored()
    {
        var gather = Session();
        gather.Start(T0);
        gather.SpeechStarted();

        gather.Digit('1', T0.AddSeconds(1));
        gather.SpeechEnded(Heard);
        gather.Tick(T0.AddSeconds(3.5));

        Assert.Equal(new GatherOutcome("1", GatherOutcome.Timeout), gather.Outcome);
    }

    [Fact]
    public void Speech_only_ignores_digits()
    {
        var gather = Session(dtmf: false);
        gather.Start(T0);

        Assert.False(gather.Digit('5', T0.AddSeconds(1)));
        Assert.False(gather.HasDigits);
    }

    [Fact]
    public void No_speech_and_no_digit_times_out_as_the_speech_start_timeout()
    {
        var gather = Session();
        gather.Start(T0);

        gather.Tick(T0.AddSeconds(5));

        Assert.Equal(GatherOutcome.Timeout, gather.Outcome?.Reason);
        Assert.Equal(SpeechEndReasons.StartTimeout, gather.Outcome?.Speech?.EndReason);
        Assert.Empty(gather.Outcome!.Speech!.Results);
    }
}

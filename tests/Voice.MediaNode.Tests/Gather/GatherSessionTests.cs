using Voice.Media.Contracts;
using Voice.MediaNode.Gather;

namespace Voice.MediaNode.Tests.Gather;

public sealed class GatherSessionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static GatherSession Session(int maxDigits = 4, string terminators = "#", bool prompts = false) =>
        new(new GatherCommand
        {
            Id = "c1",
            CallId = "k1",
            MaxDigits = maxDigits,
            Terminators = terminators,
            TimeoutSeconds = 5,
            InterDigitTimeoutSeconds = 2,
            Prompts = prompts ? [new GatherPrompt { Text = "Enter your pin" }] : [],
        });

    private static GatherSession Feed(GatherSession session, string keys)
    {
        session.Start(T0);
        var at = T0;
        foreach (var key in keys)
        {
            at = at.AddMilliseconds(300);
            session.Digit(key, at);
        }

        return session;
    }

    [Fact]
    public void Reaching_max_digits_ends_with_the_digits() =>
        Assert.Equal(new GatherOutcome("1234", GatherOutcome.MaxDigits), Feed(Session(), "1234").Outcome);

    [Fact]
    public void Digits_after_the_end_are_ignored() =>
        Assert.Equal("12", Feed(Session(maxDigits: 2), "1234").Outcome!.Digits);

    [Fact]
    public void Terminator_ends_the_gather_and_is_not_collected() =>
        Assert.Equal(new GatherOutcome("12", GatherOutcome.Terminator), Feed(Session(), "12#").Outcome);

    [Fact]
    public void Any_of_several_terminators_ends_the_gather() =>
        Assert.Equal(new GatherOutcome("9", GatherOutcome.Terminator), Feed(Session(terminators: "*#"), "9*").Outcome);

    [Fact]
    public void No_digit_within_the_timeout_ends_with_nothing()
    {
        var session = Feed(Session(), "");
        session.Tick(T0.AddSeconds(4.9));
        Assert.Null(session.Outcome);

        session.Tick(T0.AddSeconds(5));

        Assert.Equal(new GatherOutcome("", GatherOutcome.Timeout), session.Outcome);
    }

    [Fact]
    public void Inter_digit_timeout_runs_from_the_last_digit()
    {
        var session = Feed(Session(), "12");
        var lastDigit = T0.AddMilliseconds(600);
        session.Tick(lastDigit.AddSeconds(1.9));
        Assert.Null(session.Outcome);

        session.Tick(lastDigit.AddSeconds(2));

        Assert.Equal(new GatherOutcome("12", GatherOutcome.Timeout), session.Outcome);
    }

    [Fact]
    public void Timeout_waits_for_the_prompts_to_finish()
    {
        var session = Session(prompts: true);
        session.Start(T0);
        session.Tick(T0.AddMinutes(1));
        Assert.Null(session.Outcome);

        session.PromptsFinished(T0.AddMinutes(1));
        session.Tick(T0.AddMinutes(1).AddSeconds(5));

        Assert.Equal(GatherOutcome.Timeout, session.Outcome!.Reason);
    }

    [Fact]
    public void Digit_during_prompts_barges_in_once()
    {
        var session = Session(prompts: true);
        session.Start(T0);

        Assert.True(session.Digit('1', T0.AddSeconds(1)));
        Assert.False(session.Digit('2', T0.AddSeconds(2)));
        Assert.False(session.IsPrompting);
    }

    [Fact]
    public void Stopping_keeps_the_digits_collected_so_far()
    {
        var session = Feed(Session(), "7");

        session.Stop(GatherOutcome.Hangup);
        session.Stop(GatherOutcome.Stopped);

        Assert.Equal(new GatherOutcome("7", GatherOutcome.Hangup), session.Outcome);
        Assert.Null(session.Deadline);
    }
}

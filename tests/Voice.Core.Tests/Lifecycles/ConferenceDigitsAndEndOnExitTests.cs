using Voice.Core.Conferences;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>DTMF sent to a conference's participants, and a participant's end on exit changed by the API.</summary>
public sealed class ConferenceDigitsAndEndOnExitTests
{
    private const string ConferenceId = "CF0000000000000000000000000000000b";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private ConferenceState state;
    private IReadOnlyList<LifecycleEffect> effects;

    public ConferenceDigitsAndEndOnExitTests()
    {
        var record = new ConferenceRecord { Id = ConferenceId, AccountId = "acct-1", FriendlyName = "room", Status = ConferenceStatus.Init, DateCreated = T0 };
        (state, effects) = ConferenceLifecycle.Instance.Start(new ConferenceStart(record, "room"), T0);
        Apply(new JoinConference { CallId = "a" });
        Apply(new JoinConference { CallId = "b" });
        Apply(new JoinConference { CallId = "c" });
    }

    private IReadOnlyList<MediaCommand> Commands => [.. effects.OfType<SendMediaCommand>().Select(e => e.Command)];

    private IReadOnlyList<LifecycleEffect> Apply(ConferenceSignal signal)
    {
        (state, effects) = ConferenceLifecycle.Instance.Apply(state, signal, T0);
        return effects;
    }

    [Fact]
    public void Digits_go_to_each_named_participants_phone_or_to_everyone()
    {
        Apply(new SendDigitsToConference { ConferenceId = ConferenceId, CallIds = ["b"], Digits = "12#", DurationMs = 300 });
        var sent = Assert.IsType<SendDtmfCommand>(Assert.Single(Commands));
        Assert.Equal(("b", "12#", 300), (sent.CallId, sent.Digits, sent.DurationMs));

        Apply(new SendDigitsToConference { ConferenceId = ConferenceId, Digits = "9" });
        Assert.Equal(["a", "b", "c"], Commands.OfType<SendDtmfCommand>().Select(c => c.CallId));
    }

    [Fact]
    public void Digits_reach_held_participants_and_skip_unknown_ones_and_other_conferences()
    {
        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["a"], OnHold = true });
        Apply(new SendDigitsToConference { ConferenceId = ConferenceId, CallIds = ["a", "nobody"], Digits = "5" });
        Assert.Equal("a", Assert.IsType<SendDtmfCommand>(Assert.Single(Commands)).CallId);

        Assert.Empty(Apply(new SendDigitsToConference { ConferenceId = "CF0000000000000000000000000000000c", Digits = "5" }));
    }

    [Fact]
    public void End_on_exit_set_by_the_api_ends_the_conference_when_that_participant_leaves()
    {
        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["b"], EndOnExit = true });
        Assert.Empty(Commands);
        Assert.True(effects.OfType<SaveConference>().Last().Conference.Participants.Single(m => m.CallId == "b").EndOnExit);

        Apply(new LeaveConference("b", CallEnded: true));
        Assert.Equal(ConferenceStatus.Completed, state.Conference.Status);
        Assert.Equal(("end_on_exit", "b"), (state.Conference.EndReason, state.Conference.EndedByCallId));
    }

    [Fact]
    public void An_end_on_exit_that_hangs_up_ends_the_others_calls_where_a_plain_one_lets_their_flows_go_on()
    {
        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["b"], EndOnExit = true, EndOnExitHangsUp = true });
        Apply(new LeaveConference("b", CallEnded: true));
        var ended = effects.OfType<SignalCall>().Where(s => s.Signal is EndRequested).Select(s => s.CallId).Order();
        Assert.Equal(["a", "c"], ended);
        Assert.Empty(Commands.OfType<LeaveConferenceCommand>());
        Assert.Equal(("end_on_exit", ConferenceStatus.Completed), (state.Conference.EndReason, state.Conference.Status));
    }

    [Fact]
    public void A_plain_end_on_exit_takes_the_others_out_without_hanging_them_up()
    {
        Apply(new JoinConference { CallId = "d", EndOnExit = true });
        Apply(new LeaveConference("d", CallEnded: true));
        Assert.DoesNotContain(effects.OfType<SignalCall>(), s => s.Signal is EndRequested);
        Assert.Equal(["a", "b", "c"], Commands.OfType<LeaveConferenceCommand>().Select(c => c.CallId).Order());
    }

    [Fact]
    public void End_on_exit_cleared_by_the_api_lets_that_participant_leave_alone()
    {
        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["a"], EndOnExit = true });
        Apply(new ChangeConferenceParticipants { ConferenceId = ConferenceId, CallIds = ["a"], EndOnExit = false });
        Apply(new LeaveConference("a", CallEnded: true));
        Assert.Equal(ConferenceStatus.InProgress, state.Conference.Status);
        Assert.Equal(2, state.Participants.Count);
    }
}

using Voice.Core.Calls;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class MediaEventOrderingTests
{
    private static MediaEventReceived Event(MediaEvent mediaEvent, long seq) => new(mediaEvent with { Seq = seq });

    private static readonly RingingEvent Ringing = new() { Id = "r", CallId = CallId };
    private static readonly AnsweredEvent Answered = new() { Id = "a", CallId = CallId };

    [Fact]
    public void A_repeated_event_is_applied_once()
    {
        var call = Outbound(url: null);
        call.Apply(Event(Ringing, 1));
        Assert.Empty(call.Apply(Event(Ringing, 1)));
        Assert.Equal(CallStatus.Ringing, call.Status);
    }

    [Fact]
    public void An_event_ahead_of_a_gap_is_held_until_the_gap_fills_then_both_apply_in_order()
    {
        var call = Outbound(url: null);
        call.Apply(Event(Answered, 2));
        Assert.Equal(CallStatus.Queued, call.Status);
        Assert.Equal($"{CallId}:t:gap", call.Effect<StartTimer>().TimerId);

        call.Apply(Event(Ringing, 1));
        Assert.Equal([VoiceEventTypes.CallRinging, VoiceEventTypes.CallAnswered], call.EventTypes);
        Assert.Contains(call.Effects.OfType<CancelTimer>(), t => t.TimerId == $"{CallId}:t:gap");
        Assert.Equal(CallStatus.InProgress, call.Status);
    }

    [Fact]
    public void A_held_event_repeated_before_the_gap_fills_is_held_once()
    {
        var call = Outbound(url: null);
        call.Apply(Event(Answered, 2));
        Assert.Empty(call.Apply(Event(Answered, 2)));
        Assert.Single(call.State.HeldEvents);
    }

    [Fact]
    public void When_the_reorder_timer_fires_the_gap_is_skipped()
    {
        var call = Outbound(url: null);
        call.Apply(Event(Answered, 3));
        call.Advance(CallLifecycle.ReorderWindow);
        call.Apply(new TimerFired($"{CallId}:t:gap"));

        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.Equal(4, call.State.NextMediaSeq);
        Assert.Empty(call.Apply(Event(Ringing, 1)));
    }

    [Fact]
    public void Too_many_held_events_skip_the_gap_at_once()
    {
        var call = Outbound(url: null);
        call.Apply(Event(Answered, 2));
        for (var seq = 3; seq <= CallLifecycle.MaxHeldEvents + 2; seq++)
        {
            call.Apply(Event(new DtmfEvent { Id = "d", CallId = CallId, Digit = "1" }, seq));
        }

        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.Empty(call.State.HeldEvents);
    }

    [Fact]
    public void A_hangup_that_overtakes_the_answer_still_ends_an_answered_call_as_completed()
    {
        var call = Outbound(url: null);
        call.Apply(Event(new HangupEvent { Id = "h", CallId = CallId, Cause = "normal" }, 2));
        call.Apply(Event(Answered, 1));
        Assert.Equal(CallStatus.Completed, call.Status);
    }
}

using Voice.Core.Calls;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Api.Tests.Lifecycles;

public sealed class LifecycleLoopTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Start_keeps_the_ring_timer_and_hands_back_the_dial_as_work()
    {
        var (loop, work) = CallLoops.Call.Start(Outbound(timeout: 20), T0);

        Assert.Contains(work, e => e is SendMediaCommand { Command: DialCommand });
        Assert.DoesNotContain(work, e => e is StartTimer or CancelTimer);
        var next = CallLoops.Call.NextTimer(loop);
        Assert.NotNull(next);
        Assert.Equal(T0.AddSeconds(20), next.Value.DueAt);
        Assert.Equal(0, loop.SignalsThisGeneration);
    }

    [Fact]
    public void Firing_the_ring_timer_ends_an_unanswered_call_as_no_answer()
    {
        var (loop, _) = CallLoops.Call.Start(Outbound(timeout: 20), T0);
        var timer = CallLoops.Call.NextTimer(loop)!.Value;

        var (fired, signal) = CallLoops.Call.Fire(loop, timer.TimerId);
        var (after, work) = CallLoops.Call.Apply(fired, signal!, timer.DueAt);

        Assert.Equal(CallStatus.NoAnswer, after.State.Call.Status);
        Assert.Contains(work, e => e is SendMediaCommand { Command: HangupCommand });
        Assert.True(CallLoops.Call.IsFinished(after));
    }

    [Fact]
    public void Answer_disarms_the_ring_timer()
    {
        var (loop, _) = CallLoops.Call.Start(Outbound(timeout: 20), T0);

        var (answered, _) = CallLoops.Call.Apply(loop, new MediaEventReceived(new AnsweredEvent { Id = "e1", CallId = "CA1", Seq = 1 }), T0.AddSeconds(3));

        Assert.Equal(CallStatus.InProgress, answered.State.Call.Status);
        Assert.DoesNotContain(answered.Timers.Keys, k => loop.Timers.ContainsKey(k) && answered.Timers[k] == loop.Timers[k] && k.Contains("ring", StringComparison.Ordinal));
    }

    [Fact]
    public void Firing_a_timer_that_is_not_armed_gives_no_signal()
    {
        var (loop, _) = CallLoops.Call.Start(Outbound(timeout: 20), T0);

        var (same, signal) = CallLoops.Call.Fire(loop, "no-such-timer");

        Assert.Null(signal);
        Assert.Equal(loop.Timers, same.Timers);
    }

    [Fact]
    public void Signals_are_counted_per_generation_until_continue_as_new()
    {
        var (loop, _) = CallLoops.Call.Start(Outbound(timeout: 20), T0);
        for (var i = 0; i < CallLoops.SignalsPerGeneration; i++)
        {
            Assert.False(CallLoops.Call.ShouldContinueAsNew(loop));
            (loop, _) = CallLoops.Call.Apply(loop, new MediaEventReceived(new DtmfEvent { Id = $"d{i}", CallId = "CA1", Seq = 100 + i, Digit = "1" }), T0);
        }

        Assert.True(CallLoops.Call.ShouldContinueAsNew(loop));
        Assert.Equal(0, CallLoops.Call.NewGeneration(loop).SignalsThisGeneration);
    }

    [Fact]
    public void Equal_inputs_give_equal_loops_and_work()
    {
        var a = CallLoops.Call.Start(Outbound(timeout: 20), T0);
        var b = CallLoops.Call.Start(Outbound(timeout: 20), T0);

        Assert.Equal(LifecycleJson.Serialize(a.Loop), LifecycleJson.Serialize(b.Loop));
        Assert.Equal(LifecycleJson.Serialize(a.Work), LifecycleJson.Serialize(b.Work));
    }

    [Fact]
    public void Loop_state_round_trips_through_json()
    {
        var (loop, _) = CallLoops.Call.Start(Outbound(timeout: 20), T0);

        var copy = LifecycleJson.Deserialize<LifecycleLoopState<CallState>>(LifecycleJson.Serialize(loop));

        Assert.Equal(LifecycleJson.Serialize(loop), LifecycleJson.Serialize(copy));
        Assert.Equal(loop.Timers, copy.Timers);
    }

    private static StartOutboundCall Outbound(int timeout) => new()
    {
        Call = new CallRecord
        {
            Id = "CA1",
            AccountId = "AC1",
            Status = CallStatus.Queued,
            Direction = CallDirection.Outbound,
            From = "+15550100001",
            To = "+14155550100",
            TimeoutSeconds = timeout,
            CreatedAt = T0,
        },
    };
}

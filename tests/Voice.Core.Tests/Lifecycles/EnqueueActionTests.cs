using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Core.Queues;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class EnqueueActionTests
{
    private const string Flow = """
        [{"action":"enqueue","name":"support","maxWait":120,"maxSize":10,
          "hold":{"url":"https://cdn.example/hold.wav"},"announcement":{"text":"You are number {position}.","every":20}},
         {"action":"talk","text":"Nobody could take your call."}]
        """;

    /// <summary>A call running <see cref="Flow"/> whose host entered it in the queue at position 1.</summary>
    private static CallHarness Queued()
    {
        var call = Running(Flow);
        var enter = call.Effect<EnterQueue>();
        call.Apply(new CommandRequested(enter.Enqueue with { Position = 1, EnqueuedAt = T0 }));
        return call;
    }

    [Fact]
    public void The_action_asks_the_host_to_enter_the_queue_and_the_flow_waits()
    {
        var call = Running(Flow);
        var enter = call.Effect<EnterQueue>();
        Assert.Equal(("acct-1", CallId), (enter.AccountId, enter.CallId));
        Assert.Equal(("support", 120, (int?)10), (enter.Enqueue.QueueName, enter.Enqueue.MaxWaitSeconds, enter.Enqueue.MaxSize));
        Assert.Equal("https://cdn.example/hold.wav", enter.Enqueue.Hold!.AudioUrl);
        Assert.Equal(WaitKind.Queue, call.State.Waiting!.Kind);
        Assert.Empty(call.Commands);
    }

    [Fact]
    public void The_hosts_answer_enqueues_the_call_with_its_hold_audio_and_a_repeat_of_it_changes_nothing()
    {
        var call = Running(Flow);
        var answer = new CommandRequested(call.Effect<EnterQueue>().Enqueue with { Position = 1, EnqueuedAt = T0 });
        call.Apply(answer);

        Assert.Equal("support", call.State.Call.QueueName);
        Assert.Equal([VoiceEventTypes.CallEnqueued], call.EventTypes);
        Assert.Equal("https://cdn.example/hold.wav", call.Command<PlayCommand>().Url);
        Assert.Equal(WaitKind.Queue, call.State.Waiting!.Kind);

        call.Apply(answer);
        Assert.Empty(call.Effects);
    }

    [Fact]
    public void A_wait_that_runs_out_stops_the_hold_audio_and_the_flow_goes_on_once_the_call_is_out()
    {
        var call = Queued();
        call.Advance(TimeSpan.FromSeconds(120));
        call.Apply(new TimerFired(Assert.Single(call.State.Timers, t => t.EndsWith(":t:queue", StringComparison.Ordinal))));
        Assert.Single(call.Commands.OfType<StopMediaCommand>());
        Assert.Empty(call.Commands.OfType<SayCommand>());

        call.Apply(new QueueLeft("support", 1, QueueDepartureReasons.Timeout, 120));
        Assert.Equal([VoiceEventTypes.CallDequeued], call.EventTypes);
        Assert.Equal("Nobody could take your call.", call.Command<SayCommand>().Text);
        Assert.Equal(WaitKind.Speak, call.State.Waiting!.Kind);
    }

    [Fact]
    public void Taken_by_a_bridge_the_flow_waits_until_the_other_call_leaves_the_bridge()
    {
        var call = Queued();
        call.Apply(new QueueLeft("support", 1, QueueDepartureReasons.Bridged, 40));
        Assert.Single(call.Commands.OfType<StopMediaCommand>());
        Assert.Equal(WaitKind.Bridge, call.State.Waiting!.Kind);
        call.Apply(new PeerBridged("agent"));
        Assert.Empty(call.Commands);

        call.Apply(new PeerUnbridged("someone-else"));
        Assert.Empty(call.Commands);
        call.Apply(new PeerUnbridged("agent"));
        Assert.Null(call.State.BridgedWith);
        Assert.Equal("Nobody could take your call.", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_full_queue_is_reported_as_the_enqueues_failure_and_the_flow_goes_on()
    {
        var call = Running(Flow);
        var enter = call.Effect<EnterQueue>();
        call.Apply(new QueueEntryRefused("support", enter.Enqueue.CommandId));

        var failed = call.Effect<PublishEvent>().Event;
        Assert.Equal(VoiceEventTypes.CallCommandFailed, failed.Type);
        Assert.Equal((nameof(EnqueueCall), nameof(CommandRefusal.QueueFull)), ((string?)failed.Data["command"], (string?)failed.Data["reason"]));
        Assert.Null(call.State.Call.QueueName);
        Assert.Equal("Nobody could take your call.", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void A_caller_hanging_up_while_queued_leaves_the_queue_and_tells_a_bridged_call()
    {
        var call = Queued();
        call.Hangup();
        Assert.Equal(QueueDepartureReasons.Hangup, call.Effect<LeaveQueue>().Reason);

        var bridged = Queued();
        bridged.Apply(new QueueLeft("support", 1, QueueDepartureReasons.Bridged, 3));
        bridged.Apply(new PeerBridged("agent"));
        bridged.Hangup();
        var told = Assert.Single(bridged.Effects.OfType<SignalCall>());
        Assert.Equal(("agent", new PeerUnbridged(CallId)), (told.CallId, (PeerUnbridged)told.Signal));
    }

    [Fact]
    public void An_unbridge_tells_the_other_call()
    {
        var call = ParkedAndAnswered();
        call.Command(new BridgeCalls { CommandId = "b1", OtherCallId = "agent" });
        call.Command(new UnbridgeCall { CommandId = "u1" });
        var told = Assert.Single(call.Effects.OfType<SignalCall>());
        Assert.Equal(("agent", new PeerUnbridged(CallId)), (told.CallId, (PeerUnbridged)told.Signal));
    }
}

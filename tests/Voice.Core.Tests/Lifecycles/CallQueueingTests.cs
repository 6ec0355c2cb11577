using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Core.Queues;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class CallQueueingTests
{
    private static EnqueueCall Enqueue(string queue = "support", int maxWait = 0, string id = "q1") => new()
    {
        CommandId = id,
        QueueName = queue,
        Position = 2,
        AverageWaitSeconds = 7,
        MaxWaitSeconds = maxWait,
        EnqueuedAt = T0,
    };

    [Fact]
    public void Enqueue_remembers_the_queue_in_the_record_and_reports_the_position_the_queue_gave()
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue());

        Assert.Equal("support", call.State.Call.QueueName);
        Assert.Equal("support", call.Effect<SaveCall>().Call.QueueName);
        var enqueued = call.Effect<PublishEvent>().Event;
        Assert.Equal(VoiceEventTypes.CallEnqueued, enqueued.Type);
        Assert.Equal(("support", 2, 7), ((string?)enqueued.Data["queue"], (int?)enqueued.Data["queue_position"], (int?)enqueued.Data["queue_avg_wait_time_secs"]));
        Assert.Empty(call.Effects.OfType<StartTimer>());
    }

    [Fact]
    public void A_call_whose_wait_runs_out_takes_itself_out_and_stays_up()
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue(maxWait: 30));
        var timer = call.Effect<StartTimer>();
        Assert.Equal(T0.AddSeconds(30), timer.DueAt);

        call.Advance(TimeSpan.FromSeconds(30));
        call.Apply(new TimerFired(timer.TimerId));
        var leave = call.Effect<LeaveQueue>();
        Assert.Equal(("support", CallId, QueueDepartureReasons.Timeout), (leave.QueueName, leave.CallId, leave.Reason));
        Assert.Null(call.State.Call.QueueName);
        Assert.Equal(CallStatus.InProgress, call.Status);

        // call.dequeued comes from the answer of whoever removed it, with the queue's figures.
        Assert.DoesNotContain(VoiceEventTypes.CallDequeued, call.EventTypes);
        call.Apply(new QueueLeft("support", 1, QueueDepartureReasons.Timeout, 30));
        var dequeued = call.Effect<PublishEvent>().Event;
        Assert.Equal(VoiceEventTypes.CallDequeued, dequeued.Type);
        Assert.Equal((1, "timeout", 30), ((int?)dequeued.Data["queue_position"], (string?)dequeued.Data["reason"], (int?)dequeued.Data["wait_time_secs"]));
    }

    [Fact]
    public void Leave_queue_takes_the_call_out_and_cancels_its_wait()
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue(maxWait: 60));
        var timer = call.Effect<StartTimer>();
        call.Command(new LeaveQueueCall { CommandId = "l1" });

        Assert.Equal(QueueDepartureReasons.Leave, call.Effect<LeaveQueue>().Reason);
        Assert.Equal(timer.TimerId, call.Effect<CancelTimer>().TimerId);
        Assert.Null(call.Effect<SaveCall>().Call.QueueName);
    }

    [Fact]
    public void A_hangup_takes_the_call_out_and_the_departure_is_reported_after_the_hangup()
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue());
        call.Hangup();
        Assert.Equal(QueueDepartureReasons.Hangup, call.Effect<LeaveQueue>().Reason);
        Assert.Null(call.State.Call.QueueName);
        Assert.True(call.Status.IsTerminal());

        call.Apply(new QueueLeft("support", 1, QueueDepartureReasons.Hangup, 4));
        Assert.Equal([VoiceEventTypes.CallDequeued], call.EventTypes);
    }

    [Fact]
    public void Taken_by_a_bridge_the_call_reports_dequeued_then_bridged_and_forgets_the_queue()
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue(maxWait: 60));
        call.Apply(new QueueLeft("support", 1, QueueDepartureReasons.Bridged, 12));
        Assert.Null(call.State.Call.QueueName);
        Assert.NotEmpty(call.Effects.OfType<CancelTimer>());
        Assert.Equal([VoiceEventTypes.CallDequeued], call.EventTypes);

        call.Apply(new PeerBridged("agent"));
        Assert.Equal([VoiceEventTypes.CallBridged], call.EventTypes);

        // Nothing is left to take out when it hangs up.
        call.Hangup();
        Assert.Empty(call.Effects.OfType<LeaveQueue>());
    }

    [Fact]
    public void Enqueued_into_another_queue_the_call_leaves_the_first()
    {
        var call = ParkedAndAnswered();
        call.Command(Enqueue("sales"));
        call.Command(Enqueue("support", id: "q2"));
        var leave = call.Effect<LeaveQueue>();
        Assert.Equal(("sales", QueueDepartureReasons.Leave), (leave.QueueName, leave.Reason));
        Assert.Equal("support", call.State.Call.QueueName);
    }

    [Fact]
    public void An_enqueue_that_arrives_after_the_hangup_takes_the_call_out_of_the_queue_the_engine_put_it_in()
    {
        var call = ParkedAndAnswered();
        call.Hangup();
        call.Command(Enqueue());
        var leave = call.Effect<LeaveQueue>();
        Assert.Equal(("support", QueueDepartureReasons.Hangup), (leave.QueueName, leave.Reason));
        Assert.Empty(call.Effects.OfType<PublishEvent>());
    }

    [Fact]
    public void An_enqueue_before_answer_is_refused_and_undone()
    {
        var call = Parked();
        call.Command(Enqueue());
        Assert.Equal([VoiceEventTypes.CallCommandFailed], call.EventTypes);
        Assert.Equal("support", call.Effect<LeaveQueue>().QueueName);
        Assert.Null(call.State.Call.QueueName);
    }

    [Fact]
    public void Leave_queue_is_refused_for_a_call_that_is_in_no_queue()
    {
        var call = ParkedAndAnswered();
        Assert.Equal(CommandRefusal.NotInQueue, CallCommandRules.Check(call.State.Call, new LeaveQueueCall { CommandId = "l" }));
        call.Command(new LeaveQueueCall { CommandId = "l" });
        Assert.Equal([VoiceEventTypes.CallCommandFailed], call.EventTypes);
    }

    [Fact]
    public void Queue_figures_count_positions_from_one_and_average_the_waits_of_the_calls_in_it()
    {
        var queue = new QueueRecord
        {
            Id = "QU1",
            AccountId = "AC1",
            Name = "support",
            CreatedAt = T0,
            UpdatedAt = T0,
            Entries = [new QueueEntry("a", T0), new QueueEntry("b", T0.AddSeconds(10))],
        };
        Assert.Equal((1, 2, 0), (queue.PositionOf("a"), queue.PositionOf("b"), queue.PositionOf("c")));
        Assert.Equal(15, queue.AverageWaitSeconds(T0.AddSeconds(20)));
        Assert.Equal(0, (queue with { Entries = [] }).AverageWaitSeconds(T0));
    }
}

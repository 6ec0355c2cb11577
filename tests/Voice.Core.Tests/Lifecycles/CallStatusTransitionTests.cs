using Voice.Core.Calls;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class CallStatusTransitionTests
{
    [Fact]
    public void Outbound_start_saves_a_queued_call_dials_and_starts_the_no_answer_timer()
    {
        var call = Outbound();

        Assert.Equal(CallStatus.Queued, call.Status);
        Assert.Equal(CallStatus.Queued, call.Effect<SaveCall>().Call.Status);
        Assert.Equal([VoiceEventTypes.CallInitiated], call.EventTypes);
        var dial = call.Command<DialCommand>();
        Assert.Equal(("+15550002222", "+15550001111", 30), (dial.To, dial.From, dial.TimeoutSeconds));
        Assert.Equal(T0.AddSeconds(30), call.Effect<StartTimer>().DueAt);
        Assert.Contains("\"status\":\"queued\"", call.Effect<PostStatusCallback>().PayloadJson, StringComparison.Ordinal);

        // The dial is the first effect: hosts run effects in order, and it is what the caller waits for.
        Assert.IsType<DialCommand>(Assert.IsType<SendMediaCommand>(call.Effects[0]).Command);
    }

    [Fact]
    public void The_final_status_callback_says_why_the_call_ended()
    {
        var call = Outbound();
        call.Media(new RingingEvent { Id = "r", CallId = CallId });
        call.Media(new HangupEvent { Id = "h", CallId = CallId, Cause = "busy", Side = "remote", SipCode = 486 });

        Assert.Equal(CallStatus.Busy, call.Status);
        var payload = call.Effect<PostStatusCallback>().PayloadJson;
        Assert.Contains("\"status\":\"busy\"", payload, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"busy\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Ringing_moves_a_queued_call_to_ringing_and_posts_the_status_callback_with_its_sequence()
    {
        var call = Outbound();
        call.Media(new RingingEvent { Id = "r", CallId = CallId });

        Assert.Equal(CallStatus.Ringing, call.Status);
        Assert.Equal([VoiceEventTypes.CallRinging], call.EventTypes);
        var payload = call.Effect<PostStatusCallback>().PayloadJson;
        Assert.Contains("\"status\":\"ringing\"", payload, StringComparison.Ordinal);
        Assert.Contains("\"sequence\":2", payload, StringComparison.Ordinal);
        Assert.Contains("\"event_id\":\"call-1:e2\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_sets_start_time_cancels_the_ring_timer_and_fetches_the_answer_url_with_vonage_budgets()
    {
        var call = Outbound();
        call.Media(new RingingEvent { Id = "r", CallId = CallId });
        call.Advance(TimeSpan.FromSeconds(4));
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });

        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.Equal(T0.AddSeconds(4), call.State.Call.StartTime);
        Assert.Equal($"{CallId}:t:ring", call.Effect<CancelTimer>().TimerId);
        var fetch = call.Effect<FetchCallFlow>();
        Assert.Equal((AnswerUrl, "GET", WebhookPurpose.Answer, 1), (fetch.Url, fetch.Method, fetch.Purpose, fetch.Attempt));
        Assert.Equal((3000, 5000), (fetch.ConnectTimeoutMs, fetch.ResponseTimeoutMs));
    }

    [Fact]
    public void An_answer_without_ringing_goes_straight_from_queued_to_in_progress()
    {
        var call = Outbound();
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.Equal([VoiceEventTypes.CallAnswered], call.EventTypes);
    }

    [Fact]
    public void A_call_without_url_or_flow_stays_up_after_answer_doing_nothing()
    {
        var call = Outbound(url: null);
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.Empty(call.Commands);
        Assert.Empty(call.Effects.OfType<FetchCallFlow>());
    }

    [Theory]
    [InlineData("busy", false, CallStatus.Busy)]
    [InlineData("no_answer", false, CallStatus.NoAnswer)]
    [InlineData("timeout", false, CallStatus.NoAnswer)]
    [InlineData("canceled", false, CallStatus.Canceled)]
    [InlineData("normal", false, CallStatus.Canceled)]
    [InlineData("rejected", false, CallStatus.Failed)]
    [InlineData("not_found", false, CallStatus.Failed)]
    [InlineData("failed", false, CallStatus.Failed)]
    [InlineData("shutdown", false, CallStatus.Failed)]
    [InlineData("something_new", false, CallStatus.Failed)]
    [InlineData("normal", true, CallStatus.Completed)]
    [InlineData("busy", true, CallStatus.Completed)]
    [InlineData("failed", true, CallStatus.Completed)]
    [InlineData("canceled", true, CallStatus.Completed)]
    public void Hangup_causes_map_to_final_statuses(string cause, bool answered, CallStatus expected)
    {
        var call = Outbound(url: null);
        call.Media(new RingingEvent { Id = "r", CallId = CallId });
        if (answered)
        {
            call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        }

        call.Hangup(cause);

        Assert.Equal(expected, call.Status);
        Assert.Equal([VoiceEventTypes.CallCompleted], call.EventTypes);
        Assert.Empty(call.Commands);
    }

    [Fact]
    public void A_remote_hangup_after_answer_records_end_time_and_whole_second_duration()
    {
        var call = Outbound(url: null);
        call.Advance(TimeSpan.FromSeconds(2));
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        call.Advance(TimeSpan.FromMilliseconds(61_900));
        call.Hangup();

        var record = call.Effect<SaveCall>().Call;
        Assert.Equal(CallStatus.Completed, record.Status);
        Assert.Equal(T0.AddSeconds(2), record.StartTime);
        Assert.Equal(T0 + TimeSpan.FromMilliseconds(63_900), record.EndTime);
        Assert.Equal(61, record.Duration);
    }

    [Fact]
    public void An_unanswered_call_ends_with_zero_duration_and_no_start_time()
    {
        var call = Outbound();
        call.Advance(TimeSpan.FromSeconds(5));
        call.Hangup("busy");
        Assert.Null(call.State.Call.StartTime);
        Assert.Equal(0, call.State.Call.Duration);
        Assert.Equal(T0.AddSeconds(5), call.State.Call.EndTime);
    }

    [Fact]
    public void The_no_answer_timer_hangs_up_a_ringing_call_as_no_answer()
    {
        var call = Outbound();
        call.Media(new RingingEvent { Id = "r", CallId = CallId });
        call.Advance(TimeSpan.FromSeconds(30));
        call.Apply(new TimerFired($"{CallId}:t:ring"));

        Assert.Equal(CallStatus.NoAnswer, call.Status);
        Assert.Equal("no_answer", call.Command<HangupCommand>().Reason);
    }

    [Fact]
    public void A_cancelled_or_unknown_timer_firing_changes_nothing()
    {
        var call = Outbound();
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        var before = LifecycleJson.Serialize(call.State with { SignalCount = 0 });

        Assert.Empty(call.Apply(new TimerFired($"{CallId}:t:ring")));
        Assert.Empty(call.Apply(new TimerFired("someone-else:t:ring")));
        Assert.Equal(before, LifecycleJson.Serialize(call.State with { SignalCount = 0 }));
    }

    [Fact]
    public void Delete_while_ringing_sends_hangup_and_ends_canceled()
    {
        var call = Outbound();
        call.Media(new RingingEvent { Id = "r", CallId = CallId });
        call.Apply(new EndRequested());

        Assert.Equal(CallStatus.Canceled, call.Status);
        Assert.Equal([VoiceEventTypes.CallEndRequested, VoiceEventTypes.CallCompleted], call.EventTypes);
        Assert.Equal("end_requested", call.Command<HangupCommand>().Reason);
        Assert.NotNull(call.State.Call.EndRequestedAt);
        Assert.Equal($"{CallId}:t:ring", call.Effect<CancelTimer>().TimerId);
    }

    [Fact]
    public void Delete_while_in_progress_sends_hangup_and_ends_completed()
    {
        var call = Outbound(url: null);
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        call.Advance(TimeSpan.FromSeconds(10));
        call.Apply(new EndRequested());

        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal(10, call.State.Call.Duration);
        call.Command<HangupCommand>();
    }

    [Fact]
    public void A_terminal_call_absorbs_every_signal_without_effects()
    {
        var call = Outbound(url: null);
        call.Hangup("busy");

        Assert.Empty(call.Media(new AnsweredEvent { Id = "a", CallId = CallId }));
        Assert.Empty(call.Apply(new EndRequested()));
        Assert.Empty(call.Apply(new TimerFired($"{CallId}:t:ring")));
        Assert.Empty(call.Hangup("normal"));
        Assert.Empty(call.Apply(new CallFlowFetched("x", 1, "[]")));
        Assert.Equal(CallStatus.Busy, call.Status);
    }

    [Fact]
    public void The_length_limit_hangs_up_an_answered_call()
    {
        var call = Outbound(url: null, lengthLimit: 60);
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        Assert.Contains(call.Effects.OfType<StartTimer>(), t => t.TimerId == $"{CallId}:t:limit" && t.DueAt == T0.AddSeconds(60));

        call.Advance(TimeSpan.FromSeconds(60));
        call.Apply(new TimerFired($"{CallId}:t:limit"));
        Assert.Equal(CallStatus.Completed, call.Status);
        Assert.Equal("length_limit", call.Command<HangupCommand>().Reason);
    }

    [Fact]
    public void A_child_leg_tells_its_parent_about_every_status_change()
    {
        var call = Outbound(url: null, parentCallId: "parent-9");
        Assert.Equal(new ChildCallStatusChanged(CallId, CallStatus.Queued), call.Effect<SignalCall>().Signal);
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        Assert.Equal("parent-9", call.Effect<SignalCall>().CallId);
        Assert.Equal(new ChildCallStatusChanged(CallId, CallStatus.InProgress), call.Effect<SignalCall>().Signal);
    }

    [Fact]
    public void The_record_flag_records_both_channels_from_answer()
    {
        var call = Outbound(url: null, record: true);
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        Assert.Equal(2, call.Command<RecordCommand>().Channels);
    }

    [Fact]
    public void Events_for_another_call_are_ignored()
    {
        var call = Outbound();
        Assert.Empty(call.Media(new AnsweredEvent { Id = "a", CallId = "other" }));
        Assert.Equal(CallStatus.Queued, call.Status);
    }

    [Fact]
    public void Inbound_start_creates_a_ringing_call_and_fetches_the_answer_url_before_answering()
    {
        var call = Inbound();

        Assert.Equal(CallStatus.Ringing, call.Status);
        Assert.Equal(CallDirection.Inbound, call.State.Call.Direction);
        Assert.Equal([VoiceEventTypes.CallInitiated], call.EventTypes);
        Assert.Empty(call.Commands);
        Assert.Equal(WebhookPurpose.Answer, call.Effect<FetchCallFlow>().Purpose);
    }

    [Fact]
    public void Inbound_call_is_answered_once_its_flow_is_known_and_runs_it_on_answer()
    {
        var call = Inbound();
        call.Respond("""[{"action":"talk","text":"Hello caller"}]""");
        call.Command<AnswerCommand>();
        Assert.Equal(CallStatus.Ringing, call.Status);

        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.Equal("Hello caller", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void An_inbound_call_answered_before_its_flow_arrived_keeps_the_one_pending_fetch_and_runs_the_flow_when_it_comes()
    {
        var call = Inbound();
        var fetch = call.Effect<FetchCallFlow>();
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.Empty(call.Effects.OfType<FetchCallFlow>());

        call.Apply(new CallFlowFetched(fetch.RequestId, 1, """[{"action":"talk","text":"late flow"}]"""));
        Assert.Empty(call.Commands.OfType<AnswerCommand>());
        Assert.Equal("late flow", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void Inbound_call_whose_answer_url_fails_is_rejected_and_fails()
    {
        var call = Inbound();
        call.FailFetch();
        call.FailFetch();

        Assert.Equal(CallStatus.Failed, call.Status);
        Assert.Equal("unavailable", call.Command<RejectCommand>().Reason);
        Assert.Contains(VoiceEventTypes.CallFlowFailed, call.EventTypes);
    }

    [Fact]
    public void Inbound_media_sequence_continues_after_the_incoming_call_event()
    {
        var call = Inbound();
        Assert.Equal(2, call.State.NextMediaSeq);
    }
}

using Voice.Core.Calls;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using Voice.Testing;

namespace Voice.Orchestration.Tests;

/// <summary>The call orchestration on DurableTask.Core's dispatcher (in-memory backend): replay, timers, retries, late and poison signals.</summary>
public sealed class CallOrchestrationTests : IAsyncLifetime
{
    private InMemoryTaskHub hub = null!;

    private ScriptedStepRunner Runner => hub.Runner;

    public async Task InitializeAsync() => hub = await InMemoryTaskHub.StartAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task A_call_dials_rings_answers_and_completes_and_every_effect_runs_once_though_each_episode_replays()
    {
        var id = Calls.NewId();
        await hub.Host.StartCallAsync(Calls.Outbound(id), CancellationToken.None);
        await Eventually.HoldsAsync(() => Runner.Commands<DialCommand>(id).Any(), "the dial");
        await hub.Host.SendAsync(id, 1, Calls.Ringing());
        await hub.Host.SendAsync(id, 2, Calls.Answered());
        await Eventually.HoldsAsync(() => Runner.SavedStatuses(id).Contains(CallStatus.InProgress), "in-progress");
        await hub.Host.SendAsync(id, 3, Calls.Hangup());
        await Eventually.HoldsAsync(() => Runner.SavedStatuses(id).Contains(CallStatus.Completed), "completed");

        Assert.Equal([CallStatus.Queued, CallStatus.Ringing, CallStatus.InProgress, CallStatus.Completed], Runner.SavedStatuses(id));
        var ids = Runner.Effects.Where(e => e.InstanceId == id).Select(e => e.Effect.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Single(Runner.Commands<DialCommand>(id));
    }

    [Fact]
    public async Task An_inbound_calls_answer_webhook_and_the_commands_its_call_flow_gives_run_in_one_activity()
    {
        var id = Calls.NewId();
        Runner.CallFlow = """[{"action":"talk","text":"hello"}]""";
        await hub.Host.StartCallAsync(Calls.Inbound(id), CancellationToken.None);
        // The runner logs the step when its activity returns, after the effects it ran (the answer) are recorded.
        await Eventually.HoldsAsync(() => Runner.Commands<AnswerCommand>(id).Any() && Runner.Steps.Any(s => s.InstanceId == id && s.Effects.Any(e => e is FetchCallFlow)), "the answer and its step");

        var fetching = Assert.Single(Runner.Steps, s => s.InstanceId == id && s.Effects.Any(e => e is FetchCallFlow));
        Assert.Contains(fetching.Effects, e => e is SendMediaCommand { Command: AnswerCommand });

        // The orchestration goes on from the state the activity returned: once the node has answered, the flow talks.
        await hub.Host.SendAsync(id, 2, Calls.Answered());
        await Eventually.HoldsAsync(() => Runner.Commands<SayCommand>(id).Any(), "the talk");
        await hub.Host.SendAsync(id, 3, Calls.Hangup());
        await Eventually.HoldsAsync(() => Runner.SavedStatuses(id).Contains(CallStatus.Completed), "completed");
        Assert.Equal([CallStatus.Ringing, CallStatus.InProgress, CallStatus.Completed], Runner.SavedStatuses(id));
        var ids = Runner.Effects.Where(e => e.InstanceId == id).Select(e => e.Effect.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Single(Runner.Commands<AnswerCommand>(id));
    }

    [Fact]
    public async Task A_chained_step_that_fails_is_retried_from_its_fetch_and_the_call_goes_on()
    {
        var id = Calls.NewId();
        var failures = 0;
        Runner.CallFlow = """[{"action":"talk","text":"hello"}]""";
        Runner.FailWhen = effect => effect is SendMediaCommand { Command: AnswerCommand } && Interlocked.Increment(ref failures) <= 1;
        await hub.Host.StartCallAsync(Calls.Inbound(id), CancellationToken.None);
        await Eventually.HoldsAsync(() => Runner.Commands<AnswerCommand>(id).Count() == 2, "the answer, retried");

        Assert.Equal(2, Runner.Effects.Count(e => e.InstanceId == id && e.Effect is FetchCallFlow));
        await hub.Host.SendAsync(id, 2, Calls.Answered());
        await Eventually.HoldsAsync(() => Runner.Commands<SayCommand>(id).Any(), "the talk");
        Assert.DoesNotContain(CallStatus.Failed, Runner.SavedStatuses(id));
    }

    [Fact]
    public async Task A_start_repeated_for_a_running_call_is_absorbed()
    {
        var id = Calls.NewId();
        await hub.Host.StartCallAsync(Calls.Outbound(id), CancellationToken.None);
        await Eventually.HoldsAsync(() => Runner.Commands<DialCommand>(id).Any(), "the dial");
        await hub.Host.StartCallAsync(Calls.Outbound(id), CancellationToken.None);
        await hub.Host.SendAsync(id, 1, Calls.Ringing());
        await Eventually.HoldsAsync(() => Runner.SavedStatuses(id).Contains(CallStatus.Ringing), "ringing");

        Assert.Single(Runner.Commands<DialCommand>(id));
        Assert.Equal([CallStatus.Queued, CallStatus.Ringing], Runner.SavedStatuses(id));
    }

    [Fact]
    public async Task Answers_raced_against_the_ring_timer_end_each_call_one_way_only()
    {
        var ids = Enumerable.Range(0, 8).Select(_ => Calls.NewId()).ToList();
        foreach (var id in ids)
        {
            await hub.Host.StartCallAsync(Calls.Outbound(id, timeoutSeconds: 1), CancellationToken.None);
        }

        await Eventually.HoldsAsync(() => ids.All(id => Runner.Commands<DialCommand>(id).Any()), "every dial");

        // Answers land around the 1 s ring deadline, some before it and some after.
        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(700 + (i * 80)));
            await hub.Host.SendAsync(id, 1, Calls.Answered());
        }));
        await Eventually.HoldsAsync(() => ids.All(id => Runner.SavedStatuses(id).Any(s => s.IsTerminal()) || Runner.SavedStatuses(id).Contains(CallStatus.InProgress)), "every call decided");

        foreach (var id in ids)
        {
            var statuses = Runner.SavedStatuses(id);
            var answered = statuses.Contains(CallStatus.InProgress);
            var noAnswer = statuses.Contains(CallStatus.NoAnswer);
            Assert.True(answered ^ noAnswer, $"call {id}: {string.Join(",", statuses)}");
            if (noAnswer)
            {
                Assert.Contains(Runner.Commands<HangupCommand>(id), h => h.Reason == "no_answer" || h.Reason.Contains("answer", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task A_step_that_fails_twice_is_retried_and_the_call_goes_on()
    {
        var id = Calls.NewId();
        var failures = 0;
        Runner.FailWhen = effect => effect is SendMediaCommand { Command: DialCommand } && Interlocked.Increment(ref failures) <= 2;
        await hub.Host.StartCallAsync(Calls.Outbound(id), CancellationToken.None);
        await Eventually.HoldsAsync(() => Runner.Commands<DialCommand>(id).Count() == 3, "the third attempt of the dial step");
        await hub.Host.SendAsync(id, 1, Calls.Ringing());
        await Eventually.HoldsAsync(() => Runner.SavedStatuses(id).Contains(CallStatus.Ringing), "ringing");
        Assert.DoesNotContain(CallStatus.Failed, Runner.SavedStatuses(id));
    }

    [Fact]
    public async Task A_step_that_keeps_failing_ends_the_call_failed_and_reports_why()
    {
        var id = Calls.NewId();
        Runner.FailWhen = effect => effect is PublishEvent { Event.Type: VoiceEventTypes.CallRinging };
        await hub.Host.StartCallAsync(Calls.Outbound(id), CancellationToken.None);
        await Eventually.HoldsAsync(() => Runner.Commands<DialCommand>(id).Any(), "the dial");
        await hub.Host.SendAsync(id, 1, Calls.Ringing());

        // 5 attempts, 1 + 2 + 4 + 8 s apart.
        await Eventually.HoldsAsync(() => Runner.SavedStatuses(id).Contains(CallStatus.Failed), "the call to fail", timeoutSeconds: 45);
        Assert.Equal(EffectRetries.MaxAttempts, Runner.Effects.Count(e => e.Effect is PublishEvent { Event.Type: VoiceEventTypes.CallRinging } && e.InstanceId == id));
        Assert.Contains(Runner.Commands<HangupCommand>(id), h => h.Reason == "effects_failed");
        var flowFailed = Runner.Effects.Select(e => e.Effect).OfType<PublishEvent>().Single(p => p.Event.Type == VoiceEventTypes.CallFlowFailed && p.Event.Subject.EndsWith(id, StringComparison.Ordinal));
        Assert.Contains("failed 5 times", flowFailed.Event.Data["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(VoiceEventTypes.CallCompleted, Runner.PublishedTypes(id));
    }

    [Fact]
    public async Task A_recording_saved_after_the_hangup_is_still_stored_and_reported()
    {
        var id = Calls.NewId();
        Runner.CallFlow = """[{"action":"talk","text":"hello"}]""";
        await hub.Host.StartCallAsync(Calls.Outbound(id, record: true), CancellationToken.None);
        await Eventually.HoldsAsync(() => Runner.Commands<DialCommand>(id).Any(), "the dial");
        await hub.Host.SendAsync(id, 1, Calls.Answered());
        await Eventually.HoldsAsync(() => Runner.Commands<RecordCommand>(id).Any(), "the whole-call recording to start");
        await hub.Host.SendAsync(id, 2, Calls.Hangup());
        await Eventually.HoldsAsync(() => Runner.SavedStatuses(id).Contains(CallStatus.Completed), "completed");

        var recordingId = Runner.Commands<RecordCommand>(id).Single().RecordingId;
        await hub.Host.SendAsync(id, 3, new RecordingSavedEvent { Id = Calls.NewId("ev"), CallId = id, RecordingId = recordingId, BlobUrl = "https://blob/rec.wav", DurationMs = 1200, Channels = 2 });

        await Eventually.HoldsAsync(() => Runner.Effects.Any(e => e.Effect is SaveRecording s && s.Recording.Id == recordingId), "the late recording to be saved");
        Assert.Contains(VoiceEventTypes.CallRecordingSaved, Runner.PublishedTypes(id));
    }

    [Fact]
    public async Task An_unreadable_signal_is_dropped_and_the_lifecycle_goes_on()
    {
        var id = Calls.NewId();
        await hub.Host.StartCallAsync(Calls.Outbound(id), CancellationToken.None);
        await Eventually.HoldsAsync(() => Runner.Commands<DialCommand>(id).Any(), "the dial");

        await hub.Client.RaiseEventAsync(id, LifecycleFunctionNames.SignalEvent, "{\"signal\":{\"signal\":\"no_such_signal\"}}");
        await hub.Client.RaiseEventAsync(id, LifecycleFunctionNames.SignalEvent, "not json at all");
        await hub.Host.SendAsync(id, 1, Calls.Ringing());

        await Eventually.HoldsAsync(() => Runner.SavedStatuses(id).Contains(CallStatus.Ringing), "ringing after the poison signals");
        var instance = await hub.Client.GetInstanceAsync(id);
        Assert.True(instance?.IsRunning);
    }

    [Fact]
    public async Task A_finished_call_says_so_in_its_custom_status_and_keeps_running_for_late_signals()
    {
        var id = Calls.NewId();
        await hub.Host.StartCallAsync(Calls.Outbound(id), CancellationToken.None);
        await Eventually.HoldsAsync(() => Runner.Commands<DialCommand>(id).Any(), "the dial");
        await hub.Host.SendAsync(id, 1, Calls.Hangup("busy"));

        var instance = await Eventually.ReturnsAsync(
            async () => await hub.Client.GetInstanceAsync(id) is { SerializedCustomStatus: { } status } i && status.Contains(DurableLifecycleLoop.FinishedStatus, StringComparison.Ordinal) ? i : null,
            "the finished status");
        Assert.True(instance.IsRunning);
        Assert.Equal([CallStatus.Queued, CallStatus.Busy], Runner.SavedStatuses(id));
    }
}

using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using Voice.Testing;

namespace Voice.Orchestration.Tests;

/// <summary>The conference orchestration: concurrent starts, ContinueAsNew under a stream of events, reopening by name.</summary>
public sealed class ConferenceOrchestrationTests : IAsyncLifetime
{
    private InMemoryTaskHub hub = null!;

    private ScriptedStepRunner Runner => hub.Runner;

    public async Task InitializeAsync() => hub = await InMemoryTaskHub.StartAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task Two_calls_joining_a_new_conference_at_the_same_instant_land_in_one_conference()
    {
        var first = Calls.NewId();
        var second = Calls.NewId();
        await Task.WhenAll(
            hub.Host.SignalConferenceAsync(Calls.Account, "standup", new JoinConference { CallId = first }, CancellationToken.None),
            hub.Host.SignalConferenceAsync(Calls.Account, "standup", new JoinConference { CallId = second }, CancellationToken.None));

        await Eventually.HoldsAsync(() => Runner.Commands<JoinConferenceCommand>(first).Any() && Runner.Commands<JoinConferenceCommand>(second).Any(), "both joins");
        Assert.Equal(
            Runner.Commands<JoinConferenceCommand>(first).Single().ConferenceId,
            Runner.Commands<JoinConferenceCommand>(second).Single().ConferenceId);
        Assert.Single(Runner.Effects.Select(e => e.Effect).OfType<SaveConference>().Select(s => s.Conference.Id).Distinct());
    }

    [Fact]
    public async Task Every_join_of_a_stream_of_200_is_applied_across_continue_as_new()
    {
        var calls = Enumerable.Range(0, 200).Select(_ => Calls.NewId()).ToList();
        await hub.Host.SignalConferenceAsync(Calls.Account, "town-hall", new JoinConference { CallId = calls[0] }, CancellationToken.None);
        await Task.WhenAll(calls.Skip(1).Select(c =>
            hub.Host.SignalConferenceAsync(Calls.Account, "town-hall", new JoinConference { CallId = c }, CancellationToken.None)));

        await Eventually.HoldsAsync(() => calls.All(c => Runner.Commands<JoinConferenceCommand>(c).Any()), "all 200 joins", timeoutSeconds: 60);
        Assert.Single(Runner.Effects.Select(e => e.Effect).OfType<SaveConference>().Select(s => s.Conference.Id).Distinct());
        Assert.True(calls.Count > CallLoopsSignals, "the stream spans several generations");
    }

    [Fact]
    public async Task A_join_after_the_conference_ended_opens_a_new_conference_under_the_same_name()
    {
        var first = Calls.NewId();
        await hub.Host.SignalConferenceAsync(Calls.Account, "daily", new JoinConference { CallId = first }, CancellationToken.None);
        await Eventually.HoldsAsync(() => Runner.Commands<JoinConferenceCommand>(first).Any(), "the first join");
        await hub.Host.SignalConferenceAsync(Calls.Account, "daily", new LeaveConference(first, CallEnded: true), CancellationToken.None);
        var instanceId = ConferenceInstanceIds.For(Calls.Account, "daily");
        await Eventually.ReturnsAsync(
            async () => (await hub.Client.GetInstanceAsync(instanceId))?.SerializedCustomStatus?.Contains(DurableLifecycleLoop.FinishedStatus, StringComparison.Ordinal) == true ? "ended" : null,
            "the conference to end");

        var next = Calls.NewId();
        await hub.Host.SignalConferenceAsync(Calls.Account, "daily", new JoinConference { CallId = next }, CancellationToken.None);

        await Eventually.HoldsAsync(() => Runner.Commands<JoinConferenceCommand>(next).Any(), "the join into the new conference");
        Assert.NotEqual(Runner.Commands<JoinConferenceCommand>(first).Single().ConferenceId, Runner.Commands<JoinConferenceCommand>(next).Single().ConferenceId);
    }

    private static int CallLoopsSignals => Voice.Engine.Lifecycles.CallLoops.SignalsPerGeneration;
}

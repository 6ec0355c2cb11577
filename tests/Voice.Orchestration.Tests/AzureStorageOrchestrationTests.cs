using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Voice.Core.Calls;
using Voice.Core.Lifecycles;
using Voice.DevHost.Lifecycles;
using Voice.Media.Contracts;
using Voice.Testing;

namespace Voice.Orchestration.Tests;

/// <summary>
/// The lifecycle orchestrations on DevHost's engine — the Azure Storage provider on real Azurite — where timers fire
/// up to a second early and every event is a queue message: timers are held to their due time, and a stream of events
/// crosses ContinueAsNew without a loss.
/// </summary>
#pragma warning disable CA1001 // the engine is disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class AzureStorageOrchestrationTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly AzuriteFixture azurite = new();
    private readonly ScriptedStepRunner runner = new();
    private static readonly int[] RingTimeouts = [1, 2, 3];

    private DevHostTaskHub engine = null!;
    private DurableLifecycleHost host = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoiceStorage"] = azurite.ConnectionString,
        }).Build();
        engine = new DevHostTaskHub(configuration, runner, NullLoggerFactory.Instance, NullLogger<DevHostTaskHub>.Instance);
        await engine.StartAsync(CancellationToken.None);
        host = new DurableLifecycleHost(engine.Client);
    }

    public async Task DisposeAsync()
    {
        await engine.StopAsync(CancellationToken.None);
        await engine.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Ring_timers_never_fire_before_their_due_time()
    {
        var calls = RingTimeouts.Select(timeout => (Id: Calls.NewId(), Timeout: timeout)).ToList();
        foreach (var (id, timeout) in calls)
        {
            await host.StartCallAsync(Calls.Outbound(id, timeoutSeconds: timeout), CancellationToken.None);
        }

        await Eventually.HoldsAsync(() => calls.All(c => runner.SavedStatuses(c.Id).Contains(CallStatus.NoAnswer)), "every call to end no-answer", timeoutSeconds: 60);
        foreach (var (id, timeout) in calls)
        {
            var dialledAt = runner.Commands<DialCommand>(id).Single().IssuedAt;
            var hungUpAt = runner.Commands<HangupCommand>(id).Single().IssuedAt;
            Assert.True(hungUpAt >= dialledAt.AddSeconds(timeout), $"{timeout} s ring timer fired after {(hungUpAt - dialledAt).TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task A_stream_of_events_into_one_instance_crosses_continue_as_new_without_a_loss()
    {
        var joins = Enumerable.Range(0, 60).Select(_ => Calls.NewId()).ToList();
        await host.SignalConferenceAsync(Calls.Account, "all-hands", new JoinConference { CallId = joins[0] }, CancellationToken.None);
        await Task.WhenAll(joins.Skip(1).Select(c => host.SignalConferenceAsync(Calls.Account, "all-hands", new JoinConference { CallId = c }, CancellationToken.None)));

        await Eventually.HoldsAsync(() => joins.All(c => runner.Commands<JoinConferenceCommand>(c).Any()), "all 60 joins", timeoutSeconds: 120);
        Assert.Single(runner.Effects.Select(e => e.Effect).OfType<SaveConference>().Select(s => s.Conference.Id).Distinct());
    }

    [Fact]
    public async Task Three_calls_joining_a_new_conference_at_the_same_instant_land_in_one_conference()
    {
        var callIds = Enumerable.Range(0, 3).Select(_ => Calls.NewId()).ToList();
        await Task.WhenAll(callIds.Select(c => host.SignalConferenceAsync(Calls.Account, "race", new JoinConference { CallId = c }, CancellationToken.None)));

        await Eventually.HoldsAsync(() => callIds.All(c => runner.Commands<JoinConferenceCommand>(c).Any()), "all three joins", timeoutSeconds: 60);
        Assert.Single(callIds.Select(c => runner.Commands<JoinConferenceCommand>(c).Single().ConferenceId).Distinct());
        Assert.Single(runner.Effects.Select(e => e.Effect).OfType<SaveConference>().Select(s => s.Conference.Id).Distinct());
    }
}

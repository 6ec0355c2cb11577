using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Voice.Core.Calls;
using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;
using Voice.Engine.Nodes;
using Voice.Media.Contracts;
using Voice.Media.Contracts.Nodes;
using Voice.Storage;
using Voice.Testing;

namespace Voice.Api.Tests.Nodes;

/// <summary>The lost-node sweep over a real registry, call index and call table (Azurite); the lifecycles recorded.</summary>
[Collection(ApiCollection.Name)]
public sealed class MediaNodeSweepTests(ApiFixture api)
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private readonly RecordingLifecycles lifecycles = new();
    private readonly string account = "ACsweep" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_silent_node_is_declared_lost_and_each_of_its_live_calls_is_told_until_it_ends()
    {
        var (registry, sweep) = await SweepAsync();
        var nodeId = NewNodeId();
        var node = await registry.AddAsync(nodeId, clock.GetUtcNow());
        var live = await LiveCallAsync(node, CallStatus.InProgress);
        var ringing = await LiveCallAsync(node, CallStatus.Ringing);
        var ended = await LiveCallAsync(node, CallStatus.Completed);

        Assert.Equal(0, await sweep.SweepAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal(2, await sweep.SweepAsync(CancellationToken.None));

        Assert.Equal(MediaNodeState.Lost, (await registry.GetAsync(nodeId))!.State);
        Assert.Equal(new[] { live, ringing }.Order(), lifecycles.Told(node).Order());
        Assert.DoesNotContain(await Index.ListAsync(nodeId), c => c.CallId == ended);

        // Not yet ended (the lifecycle takes its time): told again; once ended and out of the index, left alone.
        Assert.Equal(2, await sweep.SweepAsync(CancellationToken.None));
        await Index.RemoveAsync(node, live);
        await Index.RemoveAsync(node, ringing);
        Assert.Equal(0, await sweep.SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_node_that_restarted_gets_the_calls_of_its_earlier_run_ended_once_and_keeps_its_new_ones()
    {
        var (registry, sweep) = await SweepAsync();
        var nodeId = NewNodeId();
        var before = MediaNodeAddress.Start(nodeId);
        var orphan = await LiveCallAsync(before, CallStatus.InProgress);
        var now = await registry.AddAsync(nodeId, clock.GetUtcNow());
        var current = await LiveCallAsync(now, CallStatus.InProgress);

        Assert.Equal(1, await sweep.SweepAsync(CancellationToken.None));

        Assert.Equal([orphan], lifecycles.Told(before));
        Assert.Empty(lifecycles.Told(now));
        var row = (await registry.GetAsync(nodeId))!;
        Assert.Equal((MediaNodeState.Active, now.Incarnation), (row.State, row.SweptIncarnation));
        Assert.Equal(0, await sweep.SweepAsync(CancellationToken.None));
        Assert.Contains(await Index.ListAsync(nodeId), c => c.CallId == current);
    }

    [Fact]
    public async Task A_heartbeat_that_lands_before_the_verdict_keeps_the_node()
    {
        var (registry, sweep) = await SweepAsync();
        var nodeId = NewNodeId();
        var node = await registry.AddAsync(nodeId, clock.GetUtcNow());
        await LiveCallAsync(node, CallStatus.InProgress);
        clock.Advance(TimeSpan.FromSeconds(14));

        Assert.Equal(0, await sweep.SweepAsync(CancellationToken.None));
        Assert.Equal(MediaNodeState.Active, (await registry.GetAsync(nodeId))!.State);
        Assert.Empty(lifecycles.Told(node));
    }

    private NodeCallIndex Index => new(api.Storage);

    private static string NewNodeId() => "sweep-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<(MediaNodeRegistry Registry, MediaNodeSweep Sweep)> SweepAsync()
    {
        var registry = await NodeRegistryTable.CreateAsync(api.Storage);
        var sweep = new MediaNodeSweep(
            registry, Index, new CallRepository(api.Storage), lifecycles, Options.Create(new MediaNodeFleetOptions()), clock, NullLogger<MediaNodeSweep>.Instance);
        return (registry, sweep);
    }

    /// <summary>A stored call with <paramref name="status"/>, indexed under <paramref name="node"/>.</summary>
    private async Task<string> LiveCallAsync(MediaNodeAddress node, CallStatus status)
    {
        var id = SortableIds.New(SortableIds.CallPrefix, clock.GetUtcNow());
        await new CallRepository(api.Storage).Table.InsertAsync(new CallRecord
        {
            Id = id,
            AccountId = account,
            Status = status,
            Direction = CallDirection.Outbound,
            From = "+15550100001",
            To = "+14155550100",
            CreatedAt = clock.GetUtcNow(),
            Node = node,
        });
        await Index.AddAsync(node, account, id);
        return id;
    }

    private sealed class RecordingLifecycles : ILifecycleHost
    {
        private readonly List<(string CallId, CallSignal Signal)> signals = [];

        public List<string> Told(MediaNodeAddress node)
        {
            lock (signals)
            {
                return signals.Where(s => s.Signal is MediaNodeLost lost && lost.Node == node).Select(s => s.CallId).Distinct().ToList();
            }
        }

        public Task StartCallAsync(CallStart start, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SignalCallAsync(string callId, CallSignal signal, CancellationToken cancellationToken)
        {
            lock (signals)
            {
                signals.Add((callId, signal));
            }

            return Task.CompletedTask;
        }

        public Task SignalConferenceAsync(string accountId, string conferenceName, ConferenceSignal signal, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

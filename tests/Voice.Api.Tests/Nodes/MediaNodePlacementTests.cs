using Microsoft.Extensions.Options;
using Voice.Engine.Nodes;
using Voice.Media.Contracts.Nodes;
using Voice.Testing;

namespace Voice.Api.Tests.Nodes;

/// <summary>Placement of new calls over a real registry table (Azurite).</summary>
[Collection(ApiCollection.Name)]
public sealed class MediaNodePlacementTests(ApiFixture api)
{
    private readonly ManualClock clock = new();

    private MediaNodePlacement Placement(MediaNodeRegistry registry) =>
        new(registry, Options.Create(new MediaNodeFleetOptions()), clock);

    [Fact]
    public async Task A_burst_of_calls_spreads_over_the_nodes_by_load_before_any_new_heartbeat()
    {
        var registry = await NodeRegistryTable.CreateAsync(api.Storage);
        var a = await registry.AddAsync("node-a", clock.GetUtcNow(), capacity: 10, active: 4);
        var b = await registry.AddAsync("node-b", clock.GetUtcNow(), capacity: 10, active: 0);
        using var placement = Placement(registry);

        var placed = new List<MediaNodeAddress>();
        for (var i = 0; i < 10; i++)
        {
            placed.Add((await placement.PlaceAsync(CancellationToken.None))!);
        }

        // b takes the first four (to 4/10), then they alternate: 7 on b, 3 on a, both ending at 7/10.
        Assert.Equal(7, placed.Count(p => p == b));
        Assert.Equal(3, placed.Count(p => p == a));
        Assert.Equal([b, b, b, b], placed.Take(4));
    }

    [Fact]
    public async Task Stale_draining_lost_and_full_nodes_take_no_calls()
    {
        var registry = await NodeRegistryTable.CreateAsync(api.Storage);
        var now = clock.GetUtcNow();
        await registry.AddAsync("stale", now - TimeSpan.FromSeconds(16));
        await registry.AddAsync("draining", now, state: MediaNodeState.Draining);
        await registry.AddAsync("lost", now, state: MediaNodeState.Lost);
        await registry.AddAsync("full", now, capacity: 3, active: 3);
        var open = await registry.AddAsync("open", now, capacity: 2, active: 0);
        using var placement = Placement(registry);

        Assert.Equal(open, await placement.PlaceAsync(CancellationToken.None));
        Assert.Equal(open, await placement.PlaceAsync(CancellationToken.None));
        Assert.Null(await placement.PlaceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_node_that_registers_after_a_refusal_takes_the_next_call_without_waiting_out_the_cache()
    {
        var registry = await NodeRegistryTable.CreateAsync(api.Storage);
        using var placement = Placement(registry);
        Assert.Null(await placement.PlaceAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromMilliseconds(10));
        var started = await registry.AddAsync("node-new", clock.GetUtcNow());

        Assert.Equal(started, await placement.PlaceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_linked_calls_node_is_live_only_while_active_and_fresh()
    {
        var registry = await NodeRegistryTable.CreateAsync(api.Storage);
        var node = await registry.AddAsync("node-a", clock.GetUtcNow());
        using var placement = Placement(registry);

        Assert.True(await placement.IsLiveAsync(node, CancellationToken.None));
        Assert.False(await placement.IsLiveAsync(MediaNodeAddress.Start("node-a"), CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(16));
        Assert.False(await placement.IsLiveAsync(node, CancellationToken.None));
    }
}

using System.Diagnostics;
using Voice.Media.Contracts.Nodes;
using Voice.Testing;
using Xunit.Abstractions;

namespace Voice.EndToEnd.Tests.Fleet;

/// <summary>
/// Two real media-nodes behind one DevHost, calling a real sipp: placement spreads calls, each call's commands reach the
/// node that holds it, and a node killed mid-call has its calls failed <c>media_node_lost</c> without coming back.
/// </summary>
[Collection(NodeFleetCollection.Name)]
public sealed class NodeFleetTests(NodeFleetFixture fleet, ITestOutputHelper output)
{
    [Fact]
    public async Task Twenty_calls_spread_over_both_nodes_and_each_is_hung_up_by_the_node_that_holds_it()
    {
        await using var sipp = await SippAnswerer.StartAsync();
        var users = Enumerable.Range(0, 20).Select(i => $"fleet{i}").ToList();

        var ids = new List<string>();
        foreach (var user in users)
        {
            ids.Add(await fleet.PlaceCallAsync($$"""{"to":"{{sipp.Uri(user)}}","from":"{{NodeFleetFixture.Number}}"}"""));
        }

        await Task.WhenAll(ids.Select(id => fleet.CallReachesAsync(id, "in-progress")));
        var placedOn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var node = (await fleet.NodeOfAsync(id)).NodeId;
            placedOn[node] = placedOn.GetValueOrDefault(node) + 1;
        }

        output.WriteLine(string.Join(", ", placedOn.Select(p => $"{p.Key}: {p.Value}")));
        Assert.Equal(["node-a", "node-b"], placedOn.Keys.Order());
        Assert.InRange(Math.Abs(placedOn["node-a"] - placedOn["node-b"]), 0, 4);

        // Each hangup is a command on the call's node's own queue: only that node can send the BYE.
        foreach (var id in ids)
        {
            using var ended = await fleet.SendAsync(HttpMethod.Delete, $"calls/{id}");
            Assert.True(ended.IsSuccessStatusCode, $"DELETE calls/{id}: {(int)ended.StatusCode}");
        }

        await Task.WhenAll(ids.Select(id => fleet.CallReachesAsync(id, "completed")));
        await Eventually.HoldsAsync(() => users.All(sipp.UsersOf("BYE").Contains), "a BYE for every call at sipp");
    }

    [Fact]
    public async Task A_node_killed_mid_call_has_its_call_failed_media_node_lost_reported_and_its_restart_does_not_bring_it_back()
    {
        await using var sipp = await SippAnswerer.StartAsync();
        await using var webhooks = await WebhookReceiver.StartAsync();

        // node-a drained for a moment, so the call lands on node-b.
        await fleet.Registry.SetStateAsync("node-a", MediaNodeState.Draining);
        string id;
        try
        {
            id = await fleet.PlaceCallAsync($$"""{"to":"{{sipp.Uri("doomed")}}","from":"{{NodeFleetFixture.Number}}","status_callback":"http://127.0.0.1:{{webhooks.Port}}/status"}""");
        }
        finally
        {
            await fleet.Registry.SetStateAsync("node-a", MediaNodeState.Active);
        }

        await fleet.CallReachesAsync(id, "in-progress");
        var lostNode = await fleet.NodeOfAsync(id);
        Assert.Equal("node-b", lostNode.NodeId);

        var killedAt = Stopwatch.StartNew();
        fleet.Nodes["node-b"].Process.Kill();
        await fleet.CallReachesAsync(id, "failed", timeoutSeconds: 60);
        output.WriteLine($"SIGKILL to failed: {killedAt.Elapsed.TotalSeconds:0.0} s (lost after {NodeFleetFixture.LostAfter.TotalSeconds} s)");

        await webhooks.WaitForAsync(w => StatusCallbacks.Statuses(w).Contains("failed"), "the failed status callback");
        var statuses = StatusCallbacks.Statuses(webhooks);
        Assert.True(statuses.IndexOf("in-progress") is >= 0 and var answered && answered < statuses.IndexOf("failed"), string.Join(", ", statuses));
        Assert.Contains(webhooks.Requests, r => r.Path == "/status" && r.BodyText.Contains("media_node_lost", StringComparison.Ordinal));
        Assert.Equal(MediaNodeState.Lost, (await fleet.Registry.GetAsync("node-b"))!.State);

        // Back with a new incarnation: active again, with nothing of its earlier run.
        var restarted = await fleet.StartNodeAsync("node-b");
        var row = await Eventually.ReturnsAsync(
            async () => await fleet.Registry.GetAsync("node-b") is { State: MediaNodeState.Active } r && r.Incarnation != lostNode.Incarnation && r.SweptIncarnation == r.Incarnation ? r : null,
            "node-b active again under a new incarnation, swept");
        Assert.Equal(0, row.ActiveCalls);
        Assert.Equal("failed", await fleet.StatusAsync(id));
        Assert.False(restarted.Process.HasExited);
    }
}

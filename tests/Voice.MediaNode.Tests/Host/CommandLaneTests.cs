using Voice.Media.Contracts;
using Voice.MediaNode.Commands;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>
/// The command worker keeps polling while commands run: per-call lanes, a bound on commands held, and held messages
/// kept invisible, against a real Azurite.
/// </summary>
public sealed class CommandLaneTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    private static HangupCommand CommandFor(GatedCall call) => new() { Id = NewId(), CallId = call.CallId };

    [Fact]
    public async Task Blocked_command_of_one_call_does_not_hold_up_a_later_command_of_another_call()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var (a, b) = (Add(node), Add(node));
        var slow = CommandFor(a);
        a.Hold(slow.Id);
        await node.SendAsync(slow);
        await a.StartedAsync(slow.Id);

        var other = CommandFor(b);
        await node.SendAsync(other);

        await b.FinishedAsync(other.Id);
        Assert.Empty(a.Finished);
        a.Release(slow.Id);
        await a.FinishedAsync(slow.Id);
    }

    [Fact]
    public async Task One_calls_commands_run_one_after_another_in_queue_order()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var a = Add(node);
        var commands = Enumerable.Range(0, 4).Select(_ => CommandFor(a)).ToList();
        a.Hold(commands[0].Id);
        await node.SendAsync(commands[0]);
        await a.StartedAsync(commands[0].Id);

        foreach (var command in commands.Skip(1))
        {
            await node.SendAsync(command);
        }

        // Taken off the queue (invisible) while the first still runs: they wait in the call's lane.
        await UntilAsync(async () => await VisibleCountAsync(node) == 0, "the later commands to be received");
        Assert.Equal([commands[0].Id], a.Started);
        a.Release(commands[0].Id);
        await a.FinishedAsync(commands[^1].Id);
        Assert.Equal(commands.Select(c => c.Id), a.Finished);
        await node.CommandsHandledAsync();
    }

    [Fact]
    public async Task No_more_than_the_commands_in_flight_limit_are_taken_off_the_queue()
    {
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Commands:MaxCommandsInFlight", "1")]);
        var (a, b) = (Add(node), Add(node));
        var slow = CommandFor(a);
        a.Hold(slow.Id);
        await node.SendAsync(slow);
        await a.StartedAsync(slow.Id);

        var waiting = CommandFor(b);
        await node.SendAsync(waiting);

        // Observed over many polls (the idle poll interval is 100 ms): it stays on the queue while the slot is taken.
        var until = DateTime.UtcNow.AddSeconds(1.5);
        while (DateTime.UtcNow < until)
        {
            Assert.Equal(1, await VisibleCountAsync(node));
            Assert.Empty(b.Started);
            await Task.Delay(100);
        }

        a.Release(slow.Id);
        await b.FinishedAsync(waiting.Id);
    }

    [Fact]
    public async Task Command_running_longer_than_the_visibility_timeout_is_not_delivered_again()
    {
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Commands:VisibilityTimeoutSeconds", "1")]);
        var a = Add(node);
        var slow = CommandFor(a);
        a.Hold(slow.Id);
        await node.SendAsync(slow);
        await a.StartedAsync(slow.Id);

        // The command runs for seven visibility timeouts: unrenewed, its message would be delivered a sixth time
        // meanwhile and then dropped as poison. Watched all along, it never shows on the queue.
        var until = DateTime.UtcNow.AddSeconds(7);
        while (DateTime.UtcNow < until)
        {
            Assert.Equal(0, await VisibleCountAsync(node));
            await Task.Delay(100);
        }

        a.Release(slow.Id);
        var next = CommandFor(a);
        await node.SendAsync(next);
        await a.FinishedAsync(next.Id);

        Assert.Equal([slow.Id, next.Id], a.Started);
        Assert.DoesNotContain(await node.EventsAsync(e => e.CallId == a.CallId, 1, seconds: 1), e => e is MediaErrorEvent { Code: CommandQueueWorker.Poison });
        await node.CommandsHandledAsync();
        Assert.Equal(0, (await node.CommandQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Commands_not_started_when_the_node_stops_go_back_to_the_queue_at_once()
    {
        var node = await RunningNode.StartAsync(azurite);
        var a = Add(node);
        var (running, waiting) = (CommandFor(a), CommandFor(a));
        a.Hold(running.Id);
        await node.SendAsync(running);
        await a.StartedAsync(running.Id);
        await node.SendAsync(waiting);
        await UntilAsync(async () => await VisibleCountAsync(node) == 0, "the second command to be received");

        // The held command ends with the stop (its token is cancelled); the one behind it never starts.
        await node.StopAsync();

        Assert.Equal([running.Id], a.Started);
        var back = Assert.Single((await node.CommandQueue.PeekMessagesAsync(32)).Value);
        Assert.Equal(waiting.Id, MediaContract.DeserializeCommand(back.Body.ToString()).Id);
        await node.DisposeAsync();
    }

    private static GatedCall Add(RunningNode node)
    {
        var call = new GatedCall("call-" + NewId());
        Assert.True(node.Calls.TryAdd(call));
        return call;
    }

    private static async Task<int> VisibleCountAsync(RunningNode node) => (await node.CommandQueue.PeekMessagesAsync(32)).Value.Length;

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Voice.Media.Contracts;
using Voice.MediaNode.Calls;
using Voice.MediaNode.Commands;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>The node's command worker and event publisher against a real Azurite.</summary>
public sealed class CommandQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    private static HangupCommand Hangup(string callId) => new() { Id = NewId(), CallId = callId };

    [Fact]
    public async Task Command_for_an_unknown_call_is_answered_with_a_call_not_found_error_event()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var command = Hangup("call-" + NewId());

        await node.SendAsync(command);

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == command.CallId, 1)));
        Assert.Equal(CallRegistry.CallNotFound, error.Code);
        Assert.Equal(command.Id, error.CommandId);
        Assert.Equal(1, error.Seq);
        Assert.NotEmpty(error.Id);
    }

    [Fact]
    public async Task Repeated_command_id_is_executed_once()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var command = Hangup("call-" + NewId());
        var marker = Hangup("marker-" + NewId());

        await node.SendAsync(command);
        await node.SendAsync(command);
        await node.SendAsync(command with { });
        await node.SendAsync(marker);

        await node.EventsAsync(e => e.CallId == marker.CallId, 1);
        Assert.Single(await node.EventsAsync(e => e.CallId == command.CallId, 1));
    }

    [Fact]
    public async Task Malformed_json_is_reported_with_its_call_id_and_the_loop_goes_on()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = "call-" + NewId();
        var after = Hangup("after-" + NewId());

        await node.SendTextAsync($$"""{"type":"teleport","id":"c1","call_id":"{{callId}}"}""");
        await node.SendTextAsync("{ this is not json");
        await node.SendAsync(after);

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId, 1)));
        Assert.Equal(CommandMessage.Malformed, error.Code);
        Assert.Equal("c1", error.CommandId);
        var unreadable = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == "", 1)));
        Assert.Equal(CommandMessage.Malformed, unreadable.Code);
        Assert.Equal(CallRegistry.CallNotFound, Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == after.CallId, 1))).Code);
    }

    [Fact]
    public async Task Message_that_is_not_base64_is_dropped_with_an_error_event()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var after = Hangup("after-" + NewId());

        await node.SendUnencodedAsync("{not base64 at all!}");
        await node.SendAsync(after);

        await node.EventsAsync(e => e.CallId == after.CallId, 1);
        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == "", 1)));
        Assert.Equal(CommandMessage.Malformed, error.Code);
        Assert.Equal(0, (await node.CommandQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Command_with_an_unknown_contract_version_is_rejected_not_executed()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var command = Hangup("call-" + NewId()) with { V = MediaContract.Version + 1 };

        await node.SendAsync(command);

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == command.CallId, 1)));
        Assert.Equal(CommandMessage.UnsupportedVersion, error.Code);
        Assert.Equal(command.Id, error.CommandId);
    }

    [Fact]
    public async Task Message_delivered_more_than_five_times_is_moved_to_the_poison_queue()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var command = Hangup("call-" + NewId());

        // The worker paused while the message is delivered (and abandoned) five times, as after five failed handlings.
        var worker = node.Services.GetRequiredService<CommandQueueWorker>();
        await worker.StopAsync(CancellationToken.None);
        var queue = node.CommandQueue;
        await queue.SendMessageAsync(MediaContract.Serialize(command));
        for (var delivery = 0; delivery < CommandQueueWorker.MaxDequeueCount; delivery++)
        {
            var delivered = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value);
            await queue.UpdateMessageAsync(delivered.MessageId, delivered.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }

        await worker.StartAsync(CancellationToken.None);

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == command.CallId, 1)));
        Assert.Equal(CommandQueueWorker.Poison, error.Code);
        Assert.Contains(await PoisonedAsync(), body => body.Contains(command.Id, StringComparison.Ordinal));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_malformed_message_is_kept_in_the_poison_queue_and_the_next_command_still_runs()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var marker = NewId();
        var after = Hangup("after-" + NewId());

        await node.SendTextAsync("{ broken " + marker);
        await node.SendAsync(after);

        Assert.Equal(CallRegistry.CallNotFound, Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == after.CallId, 1))).Code);
        Assert.Contains(await PoisonedAsync(), body => body.Contains(marker, StringComparison.Ordinal));
    }

    /// <summary>The bodies in <c>media-commands-poison</c> (Base64-decoded, as the node's clients write them).</summary>
    private async Task<List<string>> PoisonedAsync()
    {
        var poison = azurite.Queues.GetQueueClient(MediaQueues.CommandsPoison);
        var peeked = await poison.PeekMessagesAsync(32);
        return peeked.Value.Select(m => m.Body.ToString()).ToList();
    }

    [Fact]
    public async Task Sequence_numbers_count_up_by_one_per_call()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var first = "call-" + NewId();
        var second = "call-" + NewId();

        foreach (var callId in new[] { first, second, first, first, second })
        {
            await node.SendAsync(Hangup(callId));
        }

        Assert.Equal([1L, 2L, 3L], (await node.EventsAsync(e => e.CallId == first, 3)).Select(e => e.Seq).Order());
        Assert.Equal([1L, 2L], (await node.EventsAsync(e => e.CallId == second, 2)).Select(e => e.Seq).Order());
    }

    [Fact]
    public async Task Healthz_reports_ok_and_the_number_of_active_calls()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        node.Calls.TryAdd(new EndableCall("call-" + NewId()));

        var health = await node.HealthAsync();

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("active_calls").GetInt32());
    }

    [Fact]
    public async Task Stopping_the_node_ends_every_call_with_cause_shutdown()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var calls = new[] { new EndableCall("call-" + NewId()), new EndableCall("call-" + NewId()) };
        foreach (var call in calls)
        {
            node.Calls.TryAdd(call);
        }

        await node.StopAsync();

        Assert.All(calls, call => Assert.Equal([CallRegistry.ShutdownCause], call.EndCauses));
    }

    [Fact]
    public async Task Dial_with_a_call_id_already_in_use_is_refused()
    {
        await using var node = await RunningNode.StartAsync(azurite);
        var call = new EndableCall("call-" + NewId());
        node.Calls.TryAdd(call);

        await node.SendAsync(new DialCommand { Id = NewId(), CallId = call.CallId, To = "sip:bob@127.0.0.1", From = "+15550100" });

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == call.CallId, 1)));
        Assert.Equal(CallRegistry.CallExists, error.Code);
        Assert.Empty(call.Commands);
    }

    /// <summary>A call that records what the registry asks of it.</summary>
    private sealed class EndableCall(string callId) : ICallLeg
    {
        public string CallId { get; } = callId;

        public List<string> EndCauses { get; } = [];

        public List<MediaCommand> Commands { get; } = [];

        public Task HandleAsync(MediaCommand command, CancellationToken cancellationToken)
        {
            Commands.Add(command);
            return Task.CompletedTask;
        }

        public Task EndAsync(string cause, CancellationToken cancellationToken)
        {
            EndCauses.Add(cause);
            return Task.CompletedTask;
        }
    }
}

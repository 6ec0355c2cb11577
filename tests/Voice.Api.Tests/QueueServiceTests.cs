using Voice.Core.Commands;
using Voice.Core.Lifecycles;
using Voice.Core.Queues;
using Voice.Engine.Lifecycles;
using Voice.Engine.Queues;
using Voice.Storage;

namespace Voice.Api.Tests;

/// <summary>The engine's queues on real Azurite storage: order, limits, and two takers racing for the first call.</summary>
[Collection(ApiCollection.Name)]
public sealed class QueueServiceTests
{
    private readonly ApiFixture api;

    public QueueServiceTests(ApiFixture api)
    {
        this.api = api;
    }

    private QueueService Queues => api.Services.GetRequiredService<QueueService>();

    private static string NewName() => "q-" + Guid.NewGuid().ToString("N")[..10] + " /#?";

    [Fact]
    public async Task Calls_enter_at_the_end_keep_their_place_when_repeated_and_leave_from_anywhere()
    {
        var name = NewName();
        var first = await Queues.EnterAsync(api.AccountA, name, "call-a", maxSize: 3, CancellationToken.None);
        var second = await Queues.EnterAsync(api.AccountA, name, "call-b", maxSize: null, CancellationToken.None);
        var repeat = await Queues.EnterAsync(api.AccountA, name, "call-a", maxSize: null, CancellationToken.None);

        Assert.Equal((1, 2, 1), (first!.Position, second!.Position, repeat!.Position));
        Assert.Equal(first.EnqueuedAt, repeat.EnqueuedAt);
        var stored = await Queues.GetAsync(api.AccountA, name, CancellationToken.None);
        Assert.Equal(3, stored!.MaxSize);
        Assert.StartsWith("QU", stored.Id);
        Assert.Equal(["call-a", "call-b"], stored.Entries.Select(e => e.CallId));

        var left = await Queues.RemoveAsync(api.AccountA, name, "call-a", QueueDepartureReasons.Leave, CancellationToken.None);
        Assert.Equal((1, QueueDepartureReasons.Leave), (left!.Position, left.Reason));
        Assert.Null(await Queues.RemoveAsync(api.AccountA, name, "call-a", QueueDepartureReasons.Leave, CancellationToken.None));
        Assert.Equal(1, (await Queues.GetAsync(api.AccountA, name, CancellationToken.None))!.PositionOf("call-b"));

        // Another account's queue of the same name is another queue.
        Assert.Null(await Queues.GetAsync(api.AccountB, name, CancellationToken.None));
    }

    [Fact]
    public async Task The_effect_runner_enters_a_flows_call_with_its_place_refuses_a_full_queue_and_reads_the_current_position()
    {
        var name = NewName();
        var runner = api.Services.GetRequiredService<LifecycleEffectRunner>();
        var host = api.Services.GetRequiredService<ILifecycleHost>();
        var enqueue = new EnqueueCall { CommandId = "flow:1:0", QueueName = name, MaxSize = 2 };
        Task<CallSignal?> Enter(string callId) =>
            runner.RunAsync(new EnterQueue { Id = callId + ":x1", AccountId = api.AccountA, CallId = callId, Enqueue = enqueue }, host, CancellationToken.None);

        var first = Assert.IsType<EnqueueCall>(Assert.IsType<CommandRequested>(await Enter("call-a")).Command);
        var second = Assert.IsType<EnqueueCall>(Assert.IsType<CommandRequested>(await Enter("call-b")).Command);
        Assert.Equal((1, 2, "flow:1:0"), (first.Position, second.Position, second.CommandId));
        Assert.NotEqual(default, second.EnqueuedAt);
        Assert.Equal(new QueueEntryRefused(name, "flow:1:0"), await Enter("call-c"));

        Task<CallSignal?> Look(string callId) =>
            runner.RunAsync(new LookUpQueuePosition { Id = callId + ":x2", AccountId = api.AccountA, QueueName = name, CallId = callId }, host, CancellationToken.None);
        Assert.Equal(2, Assert.IsType<QueuePosition>(await Look("call-b")).Position);
        await Queues.RemoveAsync(api.AccountA, name, "call-a", QueueDepartureReasons.Leave, CancellationToken.None);
        Assert.Equal(1, Assert.IsType<QueuePosition>(await Look("call-b")).Position);
        Assert.Equal(0, Assert.IsType<QueuePosition>(await Look("call-a")).Position);
        Assert.Equal(new QueuePosition("no such queue", 0, 0), await runner.RunAsync(
            new LookUpQueuePosition { Id = "x3", AccountId = api.AccountA, QueueName = "no such queue", CallId = "call-b" }, host, CancellationToken.None));
    }

    [Fact]
    public async Task A_full_queue_refuses_and_a_queue_with_calls_cannot_be_deleted()
    {
        var name = NewName();
        Assert.NotNull(await Queues.CreateAsync(api.AccountA, name, maxSize: 1, CancellationToken.None));
        Assert.Null(await Queues.CreateAsync(api.AccountA, name, maxSize: 5, CancellationToken.None));
        Assert.NotNull(await Queues.EnterAsync(api.AccountA, name, "call-a", maxSize: 10, CancellationToken.None));
        Assert.Null(await Queues.EnterAsync(api.AccountA, name, "call-b", maxSize: 10, CancellationToken.None));

        Assert.Equal(QueueDeletion.NotEmpty, await Queues.DeleteAsync(api.AccountA, name, CancellationToken.None));
        await Queues.RemoveAsync(api.AccountA, name, "call-a", QueueDepartureReasons.Hangup, CancellationToken.None);
        Assert.Equal(QueueDeletion.Deleted, await Queues.DeleteAsync(api.AccountA, name, CancellationToken.None));
        Assert.Equal(QueueDeletion.NotFound, await Queues.DeleteAsync(api.AccountA, name, CancellationToken.None));
    }

    [Fact]
    public async Task Takers_racing_for_the_first_call_each_get_a_different_call_in_order_and_nobody_gets_one_twice()
    {
        var name = NewName();
        var callers = Enumerable.Range(0, 6).Select(i => $"call-{i}").ToList();
        foreach (var caller in callers)
        {
            await Queues.EnterAsync(api.AccountA, name, caller, maxSize: null, CancellationToken.None);
        }

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Queues.TakeFirstAsync(api.AccountA, name, CancellationToken.None)));

        var calls = taken.OfType<(string CallId, Voice.Core.Lifecycles.QueueLeft Left)>().ToList();
        Assert.Equal(callers.Order(), calls.Select(c => c.CallId).Order());
        Assert.Equal(2, taken.Count(t => t is null));
        Assert.All(calls, c => Assert.Equal((1, QueueDepartureReasons.Bridged), (c.Left.Position, c.Left.Reason)));
        Assert.Empty((await Queues.GetAsync(api.AccountA, name, CancellationToken.None))!.Entries);
    }

    [Fact]
    public async Task A_malformed_stored_entry_is_reported_not_guessed()
    {
        var name = NewName();
        await Queues.EnterAsync(api.AccountA, name, "call-a", maxSize: null, CancellationToken.None);
        var table = api.Services.GetRequiredService<QueueRepository>().Table.Client;
        var entity = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(api.AccountA, QueueRepository.RowKey(name))).Value;
        entity["Entries"] = "call-a not-a-time";
        await table.UpdateEntityAsync(entity, Azure.ETag.All);

        await Assert.ThrowsAsync<InvalidDataException>(() => Queues.GetAsync(api.AccountA, name, CancellationToken.None));
    }
}

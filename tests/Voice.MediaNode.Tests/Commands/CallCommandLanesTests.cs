using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Voice.MediaNode.Commands;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Commands;

public sealed class CallCommandLanesTests
{
    private readonly CallCommandLanes lanes = new(NullLogger.Instance);

    [Fact]
    public async Task Work_of_another_call_runs_while_one_calls_work_is_blocked()
    {
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        lanes.Enqueue("a", () => blocked.Task);
        lanes.Enqueue("b", () =>
        {
            other.SetResult();
            return Task.CompletedTask;
        });

        await other.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(blocked.Task.IsCompleted);
        blocked.SetResult();
    }

    [Fact]
    public async Task One_calls_work_runs_one_after_another_in_the_order_queued()
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new ConcurrentQueue<int>();
        lanes.Enqueue("a", async () =>
        {
            await first.Task;
            order.Enqueue(1);
        });
        for (var i = 2; i <= 5; i++)
        {
            var n = i;
            lanes.Enqueue("a", () =>
            {
                order.Enqueue(n);
                return Task.CompletedTask;
            });
        }

        Assert.Empty(order);
        first.SetResult();

        await Eventually.HoldsAsync(() => order.Count == 5, "every work item of call a", 5);
        Assert.Equal([1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task Work_that_throws_is_logged_and_its_lane_goes_on()
    {
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        lanes.Enqueue("a", () => throw new InvalidOperationException("boom"));
        lanes.Enqueue("a", () =>
        {
            after.SetResult();
            return Task.CompletedTask;
        });

        await after.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_lane_that_ran_dry_is_dropped()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lanes.Enqueue("a", () => done.Task);
        Assert.Equal(1, lanes.ActiveLanes);

        done.SetResult();

        await Eventually.HoldsAsync(() => lanes.ActiveLanes == 0, "the lane of call a to be dropped", 5);
    }
}

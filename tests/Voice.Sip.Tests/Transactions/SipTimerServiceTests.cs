using Voice.Sip.Transactions;

namespace Voice.Sip.Tests.Transactions;

public sealed class SipTimerServiceTests
{
    [Fact]
    public async Task Timers_fire_in_due_order_and_cancelled_ones_never_fire()
    {
        await using var timers = new SipTimerService();
        var fired = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var done = new TaskCompletionSource();

        timers.Schedule(TimeSpan.FromMilliseconds(120), () => { fired.Enqueue(3); done.SetResult(); });
        timers.Schedule(TimeSpan.FromMilliseconds(60), () => fired.Enqueue(2));
        timers.Schedule(TimeSpan.FromMilliseconds(10), () => fired.Enqueue(1));
        timers.Schedule(TimeSpan.FromMilliseconds(30), () => fired.Enqueue(99)).Cancel();

        await SipTestMessages.Within(done.Task.ContinueWith(_ => true));
        Assert.Equal([1, 2, 3], fired);
    }
}

namespace Voice.Sip.Transactions;

/// <summary>
/// One scheduler for every transaction timer: a sorted schedule served by a single task (no Timer per
/// transaction). Callbacks run on that task, outside the schedule lock, and must be short and non-blocking
/// (the transaction layer only posts work to its queue).
/// </summary>
public sealed class SipTimerService : IAsyncDisposable
{
    private readonly PriorityQueue<Entry, long> schedule = new();
    private readonly Lock gate = new();
    private readonly SemaphoreSlim wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    /// <summary>Starts the scheduler task.</summary>
    public SipTimerService() => loop = Task.Run(RunAsync);

    /// <summary>Number of timers scheduled and not yet fired (cancelled ones included until their due time).</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return schedule.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="callback"/> after <paramref name="delay"/> unless the returned handle is cancelled first.</summary>
    public SipTimerHandle Schedule(TimeSpan delay, Action callback)
    {
        var entry = new Entry(callback);
        var due = Environment.TickCount64 + (long)Math.Max(0, delay.TotalMilliseconds);
        bool earliest;
        lock (gate)
        {
            earliest = !schedule.TryPeek(out _, out var head) || due < head;
            schedule.Enqueue(entry, due);
        }

        if (earliest)
        {
            wake.Release();
        }

        return new SipTimerHandle(entry);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
        wake.Dispose();
    }

    private async Task RunAsync()
    {
        var due = new List<Entry>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var wait = Timeout.Infinite;
                lock (gate)
                {
                    var now = Environment.TickCount64;
                    while (schedule.TryPeek(out var entry, out var at))
                    {
                        if (at > now)
                        {
                            wait = (int)Math.Min(at - now, int.MaxValue);
                            break;
                        }

                        schedule.Dequeue();
                        due.Add(entry);
                    }
                }

                foreach (var entry in due)
                {
                    entry.Fire();
                }

                due.Clear();
                await wake.WaitAsync(wait, stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal sealed class Entry(Action callback)
    {
        private int state;

        public void Cancel() => Interlocked.Exchange(ref state, 1);

        public void Fire()
        {
            if (Interlocked.Exchange(ref state, 1) == 0)
            {
                callback();
            }
        }
    }
}

using System.Diagnostics;

namespace Voice.Media.Clock;

/// <summary>
/// The media clock (one per node): a small fixed number of dedicated threads that tick every registered
/// <see cref="IMediaClockTarget"/> once per period (20 ms) against absolute deadlines computed from one
/// <see cref="Stopwatch"/> origin, so lateness never accumulates into drift. Each thread sleeps until about
/// 1 ms before the deadline and spins the rest. When a thread falls behind it runs the missed ticks back to
/// back (keeping media time in step with real time); beyond five periods behind it skips them and counts the
/// skip. Targets are spread over the threads, and within a thread over evenly spaced phases of the period: with
/// N targets and P phases a thread sends N/P packets at each phase deadline instead of N at once, so the last packet
/// of a burst leaves P times sooner after its deadline (the pacing error that grows with N). A target keeps its
/// phase, so its own ticks stay exactly one period apart. <see cref="Register"/> and <see cref="Unregister"/> swap an
/// immutable array, so they never wait for a tick, and ticks never hold a lock while calling targets. A target
/// may see at most one tick that was already in flight after <see cref="Unregister"/> returns.
/// </summary>
public sealed class MediaClock : IDisposable
{
    private const int MaxCatchUpTicks = 5;
    private readonly object _gate = new();
    private readonly Shard[] _shards;
    private readonly long _period;
    private readonly long _phaseOffset;
    private readonly long _spin;
    private readonly Dictionary<IMediaClockTarget, (Shard Shard, int Phase)> _placement = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _stop = new();
    private long _origin;
    private bool _started;

    /// <summary>Creates a stopped clock.</summary>
    /// <param name="periodMilliseconds">Tick period (20 ms for G.711 framing).</param>
    /// <param name="threads">Clock threads (1 is right for most nodes; one per core at most).</param>
    /// <param name="spinMicroseconds">Busy-wait before each deadline, to absorb sleep inaccuracy.</param>
    /// <param name="phases">Evenly spaced deadlines per period over which each thread spreads its targets (1: all at once).</param>
    public MediaClock(int periodMilliseconds = 20, int threads = 1, int spinMicroseconds = 1000, int phases = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodMilliseconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(phases, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(phases, periodMilliseconds * 10);
        PeriodMilliseconds = periodMilliseconds;
        Phases = phases;
        _period = Stopwatch.Frequency * periodMilliseconds / 1000;
        _phaseOffset = _period / phases;
        _spin = Stopwatch.Frequency * spinMicroseconds / 1_000_000;
        _shards = Enumerable.Range(0, threads).Select(i => new Shard(this, i, phases)).ToArray();
    }

    /// <summary>Evenly spaced deadlines per period (see the constructor).</summary>
    public int Phases { get; }

    /// <summary>The tick period.</summary>
    public int PeriodMilliseconds { get; }

    /// <summary>How late each tick started relative to its deadline, per clock thread tick.</summary>
    public PacingStatistics Pacing { get; } = new();

    /// <summary>Ticks run (summed over threads).</summary>
    public long Ticks => _shards.Sum(s => Interlocked.Read(ref s.Ticks));

    /// <summary>Ticks skipped because a thread was more than five periods behind.</summary>
    public long SkippedTicks => _shards.Sum(s => Interlocked.Read(ref s.Skipped));

    /// <summary>Exceptions thrown by targets (caught; the target stays registered).</summary>
    public long TargetFaults => _shards.Sum(s => Interlocked.Read(ref s.Faults));

    /// <summary>Targets currently registered.</summary>
    public int TargetCount
    {
        get
        {
            lock (_gate)
            {
                return _placement.Count;
            }
        }
    }

    /// <summary>Starts the clock threads. Idempotent.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
            _origin = Stopwatch.GetTimestamp();
            foreach (var shard in _shards)
            {
                shard.Thread.Start();
            }
        }
    }

    /// <summary>Adds a target to the least loaded thread; it is ticked from the next tick on. Registering twice is a no-op.</summary>
    public void Register(IMediaClockTarget target)
    {
        lock (_gate)
        {
            if (_placement.ContainsKey(target))
            {
                return;
            }

            var shard = _shards.MinBy(s => s.Count)!;
            var phase = Enumerable.Range(0, Phases).MinBy(p => shard.Targets[p].Length);
            Volatile.Write(ref shard.Targets[phase], [.. shard.Targets[phase], target]);
            shard.Count++;
            _placement[target] = (shard, phase);
        }
    }

    /// <summary>Removes a target; false when it was not registered.</summary>
    public bool Unregister(IMediaClockTarget target)
    {
        lock (_gate)
        {
            if (!_placement.Remove(target, out var placed))
            {
                return false;
            }

            var (shard, phase) = placed;
            Volatile.Write(ref shard.Targets[phase], shard.Targets[phase].Where(t => !ReferenceEquals(t, target)).ToArray());
            shard.Count--;
            return true;
        }
    }

    /// <summary>Stops and joins the clock threads.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        foreach (var shard in _shards)
        {
            if (shard.Thread.IsAlive)
            {
                shard.Thread.Join();
            }
        }

        _stop.Dispose();
    }

    private void Run(Shard shard)
    {
        var token = _stop.Token;
        long index = 0;
        while (!token.IsCancellationRequested)
        {
            for (var phase = 0; phase < Phases && !token.IsCancellationRequested; phase++)
            {
                var targets = Volatile.Read(ref shard.Targets[phase]);
                if (targets.Length == 0 && phase > 0)
                {
                    continue; // nothing due at this phase: no wake-up
                }

                var deadline = _origin + (index * _period) + (phase * _phaseOffset);
                WaitUntil(deadline, token);
                if (token.IsCancellationRequested)
                {
                    return;
                }

                var lateness = Stopwatch.GetTimestamp() - deadline;
                Pacing.Record(lateness * 1_000_000 / Stopwatch.Frequency);
                var tick = new MediaTick(index, deadline);
                foreach (var target in targets)
                {
                    try
                    {
                        target.OnTick(tick);
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref shard.Faults);
                    }
                }
            }

            Interlocked.Increment(ref shard.Ticks);
            index++;
            var behind = (Stopwatch.GetTimestamp() - (_origin + (index * _period))) / _period;
            if (behind > MaxCatchUpTicks)
            {
                index += behind;
                Interlocked.Add(ref shard.Skipped, behind);
            }
        }
    }

    private void WaitUntil(long deadline, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > _spin)
            {
                var sleep = TimeSpan.FromSeconds((double)(remaining - _spin) / Stopwatch.Frequency);
                Thread.Sleep(sleep > TimeSpan.FromMilliseconds(1) ? sleep : TimeSpan.FromMilliseconds(1));
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }

    private sealed class Shard
    {
        public long Ticks;
        public long Skipped;
        public long Faults;

        public Shard(MediaClock clock, int number, int phases)
        {
            Thread = new Thread(() => clock.Run(this)) { IsBackground = true, Name = $"media-clock-{number}", Priority = ThreadPriority.Highest };
            Targets = Enumerable.Range(0, phases).Select(_ => Array.Empty<IMediaClockTarget>()).ToArray();
        }

        public Thread Thread { get; }

        // Per phase; each array is swapped whole by Register/Unregister (under the clock's gate), so the clock
        // thread reads a consistent snapshot for each phase tick.
        public IMediaClockTarget[][] Targets { get; }

        // Targets on this thread (under the clock's gate).
        public int Count { get; set; }
    }
}

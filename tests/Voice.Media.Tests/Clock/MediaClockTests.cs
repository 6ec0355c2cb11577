using Voice.Media.Clock;

namespace Voice.Media.Tests.Clock;

public class MediaClockTests
{
    [Fact]
    public async Task Every_registered_target_is_ticked_on_every_thread()
    {
        using var clock = new MediaClock(threads: 2);
        var targets = Enumerable.Range(0, 10).Select(_ => new CountingTarget()).ToList();
        targets.ForEach(clock.Register);
        clock.Start();

        await WaitUntilAsync(() => targets.All(t => t.Ticks >= 5));

        Assert.Equal(10, clock.TargetCount);
        Assert.True(clock.Pacing.Count >= 5);
        Assert.All(targets, t => Assert.True(t.IndicesIncrease));
    }

    [Fact]
    public async Task Unregistered_target_stops_receiving_ticks()
    {
        using var clock = new MediaClock();
        var stays = new CountingTarget();
        var leaves = new CountingTarget();
        clock.Register(stays);
        clock.Register(leaves);
        clock.Start();
        await WaitUntilAsync(() => leaves.Ticks >= 3);

        Assert.True(clock.Unregister(leaves));
        Assert.False(clock.Unregister(leaves));
        var stoppedAt = leaves.Ticks + 1; // one tick may already be in flight
        var reference = stays.Ticks;
        await WaitUntilAsync(() => stays.Ticks >= reference + 5);

        Assert.InRange(leaves.Ticks, stoppedAt - 1, stoppedAt);
        Assert.Equal(1, clock.TargetCount);
    }

    [Fact]
    public async Task A_throwing_target_is_counted_and_does_not_stop_the_others()
    {
        using var clock = new MediaClock();
        var healthy = new CountingTarget();
        clock.Register(new ThrowingTarget());
        clock.Register(healthy);
        clock.Start();

        await WaitUntilAsync(() => healthy.Ticks >= 5);

        Assert.True(clock.TargetFaults >= 4);
    }

    [Fact]
    public async Task Phases_spread_targets_over_the_period_and_each_keeps_exact_period_spacing()
    {
        using var clock = new MediaClock(periodMilliseconds: 20, phases: 4);
        var targets = Enumerable.Range(0, 8).Select(_ => new DeadlineTarget()).ToList();
        targets.ForEach(clock.Register);
        clock.Start();

        await WaitUntilAsync(() => targets.All(t => t.Count >= 4));

        var period = System.Diagnostics.Stopwatch.Frequency * 20 / 1000;
        Assert.All(targets, t => Assert.All(t.Gaps(), gap => Assert.Equal(0, gap % period)));

        // Two targets per phase: at one tick index, the eight deadlines take four values a quarter period apart.
        var atOneIndex = targets.Select(t => t.DeadlineAt(2)).Order().Distinct().ToList();
        Assert.Equal(4, atOneIndex.Count);
        Assert.All(atOneIndex.Zip(atOneIndex.Skip(1)), pair => Assert.Equal(period / 4, pair.Second - pair.First));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void A_phase_count_out_of_range_is_refused(int phases) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaClock(periodMilliseconds: 20, phases: phases));

    [Fact]
    public void Pacing_statistics_report_percentiles_mean_and_max()
    {
        var stats = new PacingStatistics();
        for (var i = 1; i <= 100; i++)
        {
            stats.Record(i * 100);
        }

        Assert.Equal(100, stats.Count);
        Assert.Equal(10_000, stats.MaxMicroseconds);
        Assert.Equal(5050, stats.MeanMicroseconds);
        Assert.InRange(stats.PercentileMicroseconds(50), 5000, 5010);
        Assert.InRange(stats.PercentileMicroseconds(99), 9900, 9910);
        stats.Reset();
        Assert.Equal(0, stats.PercentileMicroseconds(99));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }

    private sealed class CountingTarget : IMediaClockTarget
    {
        private long _ticks;
        private long _lastIndex = -1;

        public long Ticks => Interlocked.Read(ref _ticks);

        public bool IndicesIncrease { get; private set; } = true;

        public void OnTick(in MediaTick tick)
        {
            IndicesIncrease &= tick.Index > _lastIndex;
            _lastIndex = tick.Index;
            Interlocked.Increment(ref _ticks);
        }
    }

    /// <summary>Remembers the deadline of each tick index it saw.</summary>
    private sealed class DeadlineTarget : IMediaClockTarget
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<long, long> deadlines = new();

        public int Count => deadlines.Count;

        public long DeadlineAt(long index) => deadlines[index];

        /// <summary>Deadline differences between consecutive ticks seen.</summary>
        public IEnumerable<long> Gaps()
        {
            // ToArray is the dictionary's atomic snapshot: LINQ over it directly copies by a Count that the clock,
            // still ticking, can outgrow (IndexOutOfRangeException under load).
            var ordered = deadlines.ToArray().OrderBy(d => d.Key).Select(d => d.Value).ToList();
            return ordered.Zip(ordered.Skip(1), (a, b) => b - a);
        }

        public void OnTick(in MediaTick tick) => deadlines[tick.Index] = tick.Deadline;
    }

    private sealed class ThrowingTarget : IMediaClockTarget
    {
        public void OnTick(in MediaTick tick) => throw new InvalidOperationException("broken target");
    }
}

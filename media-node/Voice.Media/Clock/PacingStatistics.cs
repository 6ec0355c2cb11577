namespace Voice.Media.Clock;

/// <summary>
/// A histogram of timing errors in microseconds (10 µs buckets up to 100 ms, larger values in the last bucket)
/// with percentiles, mean and maximum. Recording is lock-free and allocation-free; safe from several threads.
/// </summary>
public sealed class PacingStatistics
{
    private const int BucketMicroseconds = 10;
    private const int BucketCount = 10_000;
    private readonly long[] _buckets = new long[BucketCount + 1];
    private long _count;
    private long _sum;
    private long _max;

    /// <summary>Values recorded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Largest value recorded, in microseconds.</summary>
    public long MaxMicroseconds => Interlocked.Read(ref _max);

    /// <summary>Mean value in microseconds (0 when empty).</summary>
    public double MeanMicroseconds => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    /// <summary>Records one error (negative values count as zero).</summary>
    public void Record(long microseconds)
    {
        microseconds = Math.Max(0, microseconds);
        Interlocked.Increment(ref _buckets[Math.Min(microseconds / BucketMicroseconds, BucketCount)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, microseconds);
        long seen;
        while (microseconds > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, microseconds, seen) != seen)
        {
        }
    }

    /// <summary>The value below which <paramref name="percentile"/> % of the records lie (upper bucket edge).</summary>
    public long PercentileMicroseconds(double percentile)
    {
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(count * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return Math.Min((i + 1) * (long)BucketMicroseconds, MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    /// <summary>Clears all records (concurrent records may land on either side of the reset).</summary>
    public void Reset()
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            Interlocked.Exchange(ref _buckets[i], 0);
        }

        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _sum, 0);
        Interlocked.Exchange(ref _max, 0);
    }
}

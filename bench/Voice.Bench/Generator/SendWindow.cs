namespace Voice.Bench.Generator;

/// <summary>
/// What the generator sent per stream, and where the measured window began and ended in each stream's packet
/// numbering (k = packets generated so far; sequence number = first + k). Each stream is written by the one clock
/// thread that sends it; the controller moves <see cref="Stage"/> and waits until every sender has seen it
/// (<see cref="Acknowledged"/>), so the window's edges fall between two of a stream's packets.
/// </summary>
internal sealed class SendWindow(int streams)
{
    public const int Warmup = 0, Measuring = 1, Stopped = 2;

    /// <summary>Send times kept per stream: the last 8 packets (160 ms), enough for a relay's output to be matched to its input.</summary>
    public const int SentAtSlots = 8;

    public readonly uint[] Ssrc = [.. Enumerable.Range(0, streams).Select(i => (uint)(0x40000000 + i))];
    public readonly ushort[] FirstSequence = [.. Enumerable.Range(0, streams).Select(_ => (ushort)Random.Shared.Next(65536))];
    public readonly uint[] FirstTimestamp = [.. Enumerable.Range(0, streams).Select(_ => (uint)Random.Shared.NextInt64(uint.MaxValue))];
    public readonly long[] Generated = new long[streams];
    public readonly long[] SentOk = new long[streams];
    public readonly long[] WindowFirst = new long[streams];
    public readonly long[] WindowEnd = new long[streams];
    public readonly long[] SentOkAtStart = new long[streams];
    public readonly long[] SentOkAtEnd = new long[streams];

    /// <summary>CLOCK_REALTIME ns when packet k of stream s went to the kernel, at [s × <see cref="SentAtSlots"/> + k mod 8].</summary>
    public readonly long[] SentAt = new long[streams * SentAtSlots];
    public long SendErrors;
    public long Acknowledged;
    private volatile int _stage;

    public int Count => Ssrc.Length;

    public int Stage => _stage;

    /// <summary>Moves to <paramref name="stage"/>; the senders acknowledge at their next tick.</summary>
    public void MoveTo(int stage)
    {
        Interlocked.Exchange(ref Acknowledged, 0);
        _stage = stage;
    }

    /// <summary>Called by a sender for its streams when it first sees a new stage.</summary>
    public void Enter(int stage, ReadOnlySpan<int> streamsOfSender)
    {
        foreach (var s in streamsOfSender)
        {
            if (stage == Measuring)
            {
                WindowFirst[s] = Generated[s];
                SentOkAtStart[s] = SentOk[s];
            }
            else if (stage == Stopped)
            {
                WindowEnd[s] = Generated[s];
                SentOkAtEnd[s] = SentOk[s];
            }
        }

        Interlocked.Increment(ref Acknowledged);
    }
}

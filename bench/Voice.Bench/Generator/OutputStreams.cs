using Voice.Media.Clock;
using Voice.Media.Rtp;

namespace Voice.Bench.Generator;

/// <summary>
/// Accounting of the streams coming back from a relay, found by the side they arrive on and the relay's source
/// port. A stream whose SSRC is the one the generator sent is <i>forwarded</i> (rtpengine): its sequence numbers are
/// the generator's, so each received packet is ticked off by its packet number and loss is exact: sent in the window
/// minus received of those. Otherwise it is <i>re-encoded</i> (our node sends on its own clock with its own SSRC and
/// numbering): loss is the 20 ms periods without a packet among those stamped inside the window, the larger of the
/// gaps in its numbering and the elapsed periods from its first to its last packet less those received (a relay whose
/// clock skips ticks sends fewer packets without a gap in the numbers). Jitter added is over
/// consecutive packets of a stream (kernel receive stamps t, both inside the window): for a re-encoded stream, whose
/// timing is the relay's own, |(t_i − t_{i−1}) − 20 ms × (seq_i − seq_{i−1})|; for a forwarded one, whose timing
/// is the generator's passed on, |(t_i − t_{i−1}) − (s_i − s_{i−1})| with s the packets' send times, so the
/// generator's own pacing error is not counted as the relay's (the 20 ms form for forwarded streams, what a receiver
/// would see, is kept apart). Each stream is updated only by the receive thread of its side.
/// </summary>
internal sealed class OutputStreams
{
    private const long PeriodNanoseconds = 20_000_000;
    private const long MatchLimitNanoseconds = SendWindow.SentAtSlots * PeriodNanoseconds;
    private readonly SendWindow _sent;
    private readonly int[][] _streamOfPort;
    private readonly int _words;
    private readonly ulong[] _bits;
    private readonly bool[] _seen;
    private readonly bool[] _forwarded;
    private readonly ushort[] _base;
    private readonly long[] _last;
    private readonly long[] _previousStamp;
    private readonly long[] _previousNumber;
    private readonly bool[] _windowSeen;
    private readonly long[] _windowBase;
    private readonly long[] _windowLast;
    private readonly long[] _windowFirstStamp;
    private readonly long[] _windowLastStamp;
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;

    /// <param name="sent">The send side's numbering (SSRCs, first sequence numbers, window edges).</param>
    /// <param name="routes">Stream i's route; the output of stream i arrives at its receive side from its relay source port.</param>
    /// <param name="sides">Generator sides.</param>
    /// <param name="capacity">Packets per stream that can be ticked off (the run's length × 50, with room to spare).</param>
    public OutputStreams(SendWindow sent, IReadOnlyList<StreamRoute> routes, int sides, int capacity)
    {
        _sent = sent;
        _streamOfPort = [.. Enumerable.Range(0, sides).Select(_ => Enumerable.Repeat(-1, 65536).ToArray())];
        for (var i = 0; i < routes.Count; i++)
        {
            _streamOfPort[routes[i].ReceiveSide][routes[i].RelaySourcePort] = i;
        }

        var n = routes.Count;
        _words = (capacity + 63) / 64;
        _bits = new ulong[n * _words];
        _seen = new bool[n];
        _forwarded = new bool[n];
        _base = new ushort[n];
        _last = new long[n];
        _previousStamp = new long[n];
        _previousNumber = new long[n];
        _windowSeen = new bool[n];
        _windowBase = new long[n];
        _windowLast = new long[n];
        _windowFirstStamp = new long[n];
        _windowLastStamp = new long[n];
    }

    /// <summary>Jitter added, µs, over consecutive packets inside the window (see the class).</summary>
    public PacingStatistics Jitter { get; } = new();

    /// <summary>Forwarded streams only: |(t_i − t_{i−1}) − 20 ms × (seq_i − seq_{i−1})|, µs (the generator's pacing included).</summary>
    public PacingStatistics ForwardedGridJitter { get; } = new();

    /// <summary>Forwarded packets whose send time was no longer kept (relayed more than 160 ms after it was sent).</summary>
    public long Unmatched { get; private set; }

    /// <summary>Datagrams from a port that is no stream's relay source.</summary>
    public long Unknown { get; private set; }

    /// <summary>Packets that came with a number at or below one already seen (reordered or duplicated).</summary>
    public long Reordered { get; private set; }

    /// <summary>Packets of a known stream whose number fell outside what can be ticked off.</summary>
    public long OutOfRange { get; private set; }

    /// <summary>RTP datagrams seen, all streams, whole run.</summary>
    public long Received { get; private set; }

    /// <summary>Opens the window at <paramref name="startNanoseconds"/> (CLOCK_REALTIME, as the kernel stamps).</summary>
    public void OpenWindow(long startNanoseconds) => Volatile.Write(ref _windowStart, startNanoseconds);

    /// <summary>Closes the window at <paramref name="endNanoseconds"/>.</summary>
    public void CloseWindow(long endNanoseconds) => Volatile.Write(ref _windowEnd, endNanoseconds);

    /// <summary>
    /// Accounts one datagram; true when it can still change the window's counts (a forwarded stream's packet, or a
    /// re-encoded one stamped before the window closed), which is what the drain waits for.
    /// </summary>
    public bool OnPacket(int side, int sourcePort, ReadOnlySpan<byte> datagram, long stamp)
    {
        var s = (uint)sourcePort < 65536 ? _streamOfPort[side][sourcePort] : -1;
        if (s < 0 || !RtpHeader.TryReadFixed(datagram, out var header))
        {
            Unknown++;
            return false;
        }

        Received++;
        long number;
        if (!_seen[s])
        {
            _seen[s] = true;
            _forwarded[s] = header.Ssrc == _sent.Ssrc[s];
            _base[s] = _forwarded[s] ? _sent.FirstSequence[s] : header.SequenceNumber;
            number = (ushort)(header.SequenceNumber - _base[s]);
            _last[s] = number;
        }
        else
        {
            // Extended numbering: the 16-bit step from the highest number seen, either way round.
            number = _last[s] + (short)(ushort)(header.SequenceNumber - _base[s] - (ushort)_last[s]);
            _last[s] = Math.Max(_last[s], number);
        }

        var inWindow = stamp >= Volatile.Read(ref _windowStart) && stamp <= Volatile.Read(ref _windowEnd);
        if (_previousStamp[s] != 0 && number <= _previousNumber[s])
        {
            Reordered++;
        }
        else
        {
            var previousInWindow = _previousStamp[s] >= Volatile.Read(ref _windowStart);
            if (_previousStamp[s] != 0 && inWindow && previousInWindow)
            {
                var grid = Math.Abs(stamp - _previousStamp[s] - (PeriodNanoseconds * (number - _previousNumber[s])));
                if (!_forwarded[s])
                {
                    Jitter.Record(grid / 1000);
                }
                else
                {
                    ForwardedGridJitter.Record(grid / 1000);
                    RecordForwarded(s, number, stamp);
                }
            }

            _previousStamp[s] = stamp;
            _previousNumber[s] = number;
        }

        var windowEnd = Volatile.Read(ref _windowEnd);
        if (_forwarded[s])
        {
            Tick(s, number);
        }
        else if (inWindow)
        {
            if (!_windowSeen[s])
            {
                _windowSeen[s] = true;
                _windowBase[s] = number;
                _windowLast[s] = number;
                _windowFirstStamp[s] = stamp;
            }

            _windowLastStamp[s] = Math.Max(_windowLastStamp[s], stamp);

            _windowLast[s] = Math.Max(_windowLast[s], number);
            Tick(s, number - _windowBase[s]);
        }

        return _forwarded[s] || stamp <= windowEnd;
    }

    /// <summary>Totals over the window (call after the receive threads stopped).</summary>
    public OutputTotals Totals(double windowSeconds)
    {
        var totals = new OutputTotals();
        for (var s = 0; s < _seen.Length; s++)
        {
            var sentInWindow = _sent.SentOkAtEnd[s] - _sent.SentOkAtStart[s];
            totals.SentInWindow += sentInWindow;
            if (_seen[s] && _forwarded[s])
            {
                totals.Forwarded++;
                var received = Count(s, _sent.WindowFirst[s], _sent.WindowEnd[s]);
                totals.ReceivedInWindow += received;
                totals.LostInWindow += Math.Max(0, sentInWindow - received);
            }
            else if (_windowSeen[s])
            {
                totals.Reencoded++;
                var numbered = _windowLast[s] - _windowBase[s] + 1;
                var received = Count(s, 0, numbered);
                var elapsed = (long)Math.Round((double)(_windowLastStamp[s] - _windowFirstStamp[s]) / PeriodNanoseconds) + 1;
                totals.ReceivedInWindow += received;
                totals.LostInWindow += Math.Max(numbered, elapsed) - received;
            }
            else
            {
                // Nothing of this stream came inside the window: all of its 50 packets a second are missing.
                totals.Silent++;
                totals.LostInWindow += _seen[s] && !_forwarded[s] ? (long)Math.Round(windowSeconds * 50) : sentInWindow;
            }
        }

        return totals;
    }

    // Needs the send times of this packet and the previous one, both still kept and both plausible (sent before received,
    // by less than what is kept).
    private void RecordForwarded(int s, long number, long stamp)
    {
        var previous = _previousNumber[s];
        if (previous < 0 || number - previous >= SendWindow.SentAtSlots)
        {
            Unmatched++;
            return;
        }

        var delay = stamp - _sent.SentAt[(s * SendWindow.SentAtSlots) + (int)(number % SendWindow.SentAtSlots)];
        var previousDelay = _previousStamp[s] - _sent.SentAt[(s * SendWindow.SentAtSlots) + (int)(previous % SendWindow.SentAtSlots)];
        if (delay is < 0 or >= MatchLimitNanoseconds || previousDelay is < 0 or >= MatchLimitNanoseconds)
        {
            Unmatched++;
            return;
        }

        Jitter.Record(Math.Abs(delay - previousDelay) / 1000);
    }

    private void Tick(int s, long number)
    {
        if (number < 0 || number >= _words * 64L)
        {
            OutOfRange++;
            return;
        }

        _bits[(s * _words) + (int)(number >> 6)] |= 1UL << (int)(number & 63);
    }

    private long Count(int s, long from, long to)
    {
        long count = 0;
        for (var n = Math.Max(0, from); n < Math.Min(to, _words * 64L); n++)
        {
            count += (long)((_bits[(s * _words) + (int)(n >> 6)] >> (int)(n & 63)) & 1);
        }

        return count;
    }
}

/// <summary>Window totals of <see cref="OutputStreams"/>.</summary>
internal sealed class OutputTotals
{
    public long SentInWindow { get; set; }

    public long ReceivedInWindow { get; set; }

    public long LostInWindow { get; set; }

    public int Forwarded { get; set; }

    public int Reencoded { get; set; }

    public int Silent { get; set; }
}

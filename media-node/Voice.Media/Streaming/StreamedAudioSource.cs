using Voice.Media.Playback;

namespace Voice.Media.Streaming;

/// <summary>
/// Audio a stream peer sends back, played into the call (bidirectional streams). The peer's messages are appended
/// from the WebSocket task; the clock reads a frame per tick. The buffer is bounded (<see cref="CapacitySamples"/>,
/// 60 s): audio past it is dropped and counted, so a peer that floods cannot grow the node's memory. Marks (Telnyx
/// <c>mark</c>) sit at the position where they were sent and are reported once the audio before them has played —
/// or at once when <see cref="Clear"/> flushes it, as the vendors do.
/// </summary>
public sealed class StreamedAudioSource : IAudioSource
{
    /// <summary>The most audio held: 60 s at 8 kHz.</summary>
    public const int CapacitySamples = 480_000;

    /// <summary>The buffer starts at 1 s and doubles when a peer sends ahead, so a call costs 16 KB, not 1 MB, until then.</summary>
    private const int InitialSamples = 8_000;

    private readonly Lock _gate = new();
    private short[] _ring = new short[InitialSamples];
    private readonly Queue<(long Position, string Name)> _marks = new();
    private readonly Queue<string> _reached = new();
    private long _written;
    private long _read;
    private long _droppedSamples;

    /// <summary>Samples dropped because the buffer was full.</summary>
    public long DroppedSamples => Interlocked.Read(ref _droppedSamples);

    /// <summary>Samples waiting to be played.</summary>
    public int Buffered
    {
        get
        {
            lock (_gate)
            {
                return (int)(_written - _read);
            }
        }
    }

    /// <summary>Appends 8 kHz samples to play after what is buffered.</summary>
    public void Append(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            var room = CapacitySamples - (int)(_written - _read);
            if (samples.Length > room)
            {
                Interlocked.Add(ref _droppedSamples, samples.Length - room);
                samples = samples[..room];
            }

            Grow((int)(_written - _read) + samples.Length);
            foreach (var sample in samples)
            {
                _ring[_written++ % _ring.Length] = sample;
            }
        }
    }

    /// <summary>Places a mark after the audio appended so far.</summary>
    public void Mark(string name)
    {
        lock (_gate)
        {
            if (_written == _read)
            {
                _reached.Enqueue(name);
            }
            else
            {
                _marks.Enqueue((_written, name));
            }
        }
    }

    /// <summary>Drops every buffered sample; pending marks count as reached.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _read = _written;
            while (_marks.TryDequeue(out var mark))
            {
                _reached.Enqueue(mark.Name);
            }
        }
    }

    /// <summary>Takes the next mark whose audio has played, if any.</summary>
    public bool TryTakeReachedMark(out string name)
    {
        lock (_gate)
        {
            return _reached.TryDequeue(out name!);
        }
    }

    /// <summary>Makes room for <paramref name="needed"/> samples, keeping the buffered ones in order (under the gate).</summary>
    private void Grow(int needed)
    {
        if (needed <= _ring.Length)
        {
            return;
        }

        var size = _ring.Length;
        while (size < needed)
        {
            size = Math.Min(size * 2, CapacitySamples);
        }

        var grown = new short[size];
        var count = (int)(_written - _read);
        for (var i = 0; i < count; i++)
        {
            grown[i] = _ring[(_read + i) % _ring.Length];
        }

        // Positions keep counting from where they were; re-base them on the new ring.
        var shift = _read;
        _read = 0;
        _written = count;
        var marks = _marks.ToArray();
        _marks.Clear();
        foreach (var (position, name) in marks)
        {
            _marks.Enqueue((position - shift, name));
        }

        _ring = grown;
    }

    /// <summary>Fills <paramref name="frame"/>; false (and silence) when nothing is buffered.</summary>
    public bool Read(Span<short> frame)
    {
        lock (_gate)
        {
            var available = (int)Math.Min(_written - _read, frame.Length);
            for (var i = 0; i < available; i++)
            {
                frame[i] = _ring[_read++ % _ring.Length];
            }

            frame[available..].Clear();
            while (_marks.TryPeek(out var mark) && mark.Position <= _read)
            {
                _marks.Dequeue();
                _reached.Enqueue(mark.Name);
            }

            return available > 0;
        }
    }
}

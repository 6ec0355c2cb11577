using System.Buffers;

namespace Voice.Media.Taps;

/// <summary>
/// Keeps the first seconds of what a leg receives after it is answered, so an analysis the engine starts a moment
/// later (answering-machine detection, after the answered event's round trip through the lifecycle) still begins at
/// the answer: <see cref="Attach"/> replays what was kept into the target and then forwards every new frame to it,
/// with no frame lost or repeated in between. The audio is kept in one-second chunks rented from the shared array
/// pool as frames come, and returned when the buffer is full or replayed, so a node holds memory only for legs
/// answered in the last seconds and reuses it without garbage (every leg carries this tap for its whole life). Past
/// its capacity it keeps nothing more; from then on, with no target, a tick costs two field reads and
/// <see cref="NeedsFrames"/> is false (a bridge may forward the leg's packets undecoded).
/// </summary>
public sealed class AnswerAudioBuffer : IMediaFrameTap
{
    private const int FrameSamples = 160;
    private const int ChunkFrames = 50; // one second
    private static readonly short[] Silence = new short[FrameSamples];
    private readonly Lock _gate = new();
    private readonly int _capacityFrames;
    private short[]?[]? _chunks;
    private volatile bool _keeping = true;
    private int _frames;
    private volatile IMediaFrameTap? _target;

    /// <summary>A buffer for the first <paramref name="seconds"/> after the answer.</summary>
    public AnswerAudioBuffer(double seconds)
    {
        _capacityFrames = Math.Max(1, (int)(seconds * 50));
    }

    /// <summary>Frames kept so far.</summary>
    public int KeptFrames
    {
        get
        {
            lock (_gate)
            {
                return _frames;
            }
        }
    }

    /// <inheritdoc />
    public bool NeedsFrames => _keeping || _target is not null;

    /// <inheritdoc />
    public void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent)
    {
        // Nothing to keep and nobody to forward to: the common case once the first seconds are over. A target attached
        // at this very moment starts with the next frame.
        if (!_keeping && _target is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_keeping && received.Length == FrameSamples)
            {
                received.CopyTo(FrameSlot(_frames));
                if (++_frames >= _capacityFrames)
                {
                    // Full: an analysis attached later starts live, as without the buffer.
                    ReleaseChunks();
                }
            }

            _target?.OnFrame(received, sent);
        }
    }

    /// <summary>
    /// Replays the kept audio into <paramref name="target"/> (received frames, silence as sent) and forwards from now
    /// on; replaces an earlier target. The kept audio is given once: a later target starts live.
    /// </summary>
    public void Attach(IMediaFrameTap target)
    {
        lock (_gate)
        {
            if (_keeping && _chunks is { } chunks)
            {
                for (var i = 0; i < _frames; i++)
                {
                    target.OnFrame(chunks[i / ChunkFrames].AsSpan(i % ChunkFrames * FrameSamples, FrameSamples), Silence);
                }
            }

            ReleaseChunks();
            _target = target;
        }
    }

    /// <summary>Stops forwarding to <paramref name="target"/> if it is the one attached.</summary>
    public void Detach(IMediaFrameTap target)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_target, target))
            {
                _target = null;
            }
        }
    }

    // Under the gate: where frame `index` goes, renting its chunk on first use.
    private Span<short> FrameSlot(int index)
    {
        _chunks ??= new short[]?[(_capacityFrames + ChunkFrames - 1) / ChunkFrames];
        ref var chunk = ref _chunks[index / ChunkFrames];
        chunk ??= ArrayPool<short>.Shared.Rent(ChunkFrames * FrameSamples);
        return chunk.AsSpan(index % ChunkFrames * FrameSamples, FrameSamples);
    }

    // Under the gate: keeps nothing more and gives the chunks back.
    private void ReleaseChunks()
    {
        _keeping = false;
        if (_chunks is { } chunks)
        {
            foreach (var chunk in chunks)
            {
                if (chunk is not null)
                {
                    ArrayPool<short>.Shared.Return(chunk);
                }
            }

            _chunks = null;
        }
    }
}

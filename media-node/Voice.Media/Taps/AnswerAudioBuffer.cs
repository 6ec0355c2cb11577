namespace Voice.Media.Taps;

/// <summary>
/// Keeps the first seconds of what a leg receives after it is answered, so an analysis the engine starts a moment
/// later (answering-machine detection, after the answered event's round trip through the lifecycle) still begins at
/// the answer: <see cref="Attach"/> replays what was kept into the target and then forwards every new frame to it,
/// with no frame lost or repeated in between. Past its capacity it keeps nothing more and lets the memory go; from then
/// on, with no target, a tick costs two field reads (every leg carries this tap for its whole life).
/// </summary>
public sealed class AnswerAudioBuffer : IMediaFrameTap
{
    private const int FrameSamples = 160;
    private static readonly short[] Silence = new short[FrameSamples];
    private readonly Lock _gate = new();
    private volatile short[]? _kept;
    private int _frames;
    private volatile IMediaFrameTap? _target;

    /// <summary>A buffer for the first <paramref name="seconds"/> after the answer.</summary>
    public AnswerAudioBuffer(double seconds)
    {
        _kept = new short[(int)(seconds * 50) * FrameSamples];
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
    public bool NeedsFrames => _kept is not null || _target is not null;

    /// <inheritdoc />
    public void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent)
    {
        // Nothing to keep and nobody to forward to: the common case once the first seconds are over. A target attached
        // at this very moment starts with the next frame.
        if (_kept is null && _target is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_kept is { } kept && received.Length == FrameSamples)
            {
                received.CopyTo(kept.AsSpan(_frames * FrameSamples));
                if (++_frames * FrameSamples >= kept.Length)
                {
                    // Full: an analysis attached later starts live, as without the buffer.
                    _kept = null;
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
            if (_kept is { } kept)
            {
                for (var i = 0; i < _frames; i++)
                {
                    target.OnFrame(kept.AsSpan(i * FrameSamples, FrameSamples), Silence);
                }
            }

            _kept = null;
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
}

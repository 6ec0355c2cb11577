namespace Voice.Media.Vad;

/// <summary>
/// Regroups a stream of frames of any length (the clock's 160 samples) into windows of a fixed length (Silero's
/// 256), keeping the remainder for the next frame.
/// </summary>
public sealed class SampleWindower
{
    private readonly short[] _buffer;
    private readonly short[] _window;
    private int _count;

    /// <summary>Creates a windower for windows of <paramref name="windowSamples"/>.</summary>
    public SampleWindower(int windowSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSamples, 1);
        _window = new short[windowSamples];
        _buffer = new short[windowSamples * 2];
    }

    /// <summary>
    /// Adds at most one window of samples; read the completed windows with <see cref="TryRead"/> before the next call.
    /// </summary>
    /// <exception cref="ArgumentException">More samples than one window.</exception>
    /// <exception cref="InvalidOperationException">A complete window was left unread.</exception>
    public void Append(ReadOnlySpan<short> samples)
    {
        if (samples.Length > _window.Length)
        {
            throw new ArgumentException($"At most {_window.Length} samples at a time, not {samples.Length}.", nameof(samples));
        }

        if (_count >= _window.Length)
        {
            throw new InvalidOperationException("Read the completed windows before appending more.");
        }

        samples.CopyTo(_buffer.AsSpan(_count));
        _count += samples.Length;
    }

    /// <summary>Takes the next complete window, if any; the span is valid until the next call.</summary>
    public bool TryRead(out ReadOnlySpan<short> window)
    {
        if (_count < _window.Length)
        {
            window = default;
            return false;
        }

        _buffer.AsSpan(0, _window.Length).CopyTo(_window);
        _buffer.AsSpan(_window.Length, _count - _window.Length).CopyTo(_buffer);
        _count -= _window.Length;
        window = _window;
        return true;
    }
}

namespace Voice.Media.Playback;

/// <summary>
/// Plays decoded 8 kHz audio as 20 ms frames: <c>loops</c> times (0 = until stopped), padding the last frame
/// with silence. <see cref="Stop"/> may be called from any thread and takes effect at the next frame.
/// <see cref="BargeIn"/> tells the session to stop this player when the caller presses a key.
/// </summary>
public sealed class AudioPlayer : IAudioSource
{
    private readonly short[] _samples;
    private readonly int _loops;
    private int _position;
    private int _loopsDone;
    private volatile bool _stopped;

    /// <summary>Creates a player for <paramref name="audio"/> (resampled to 8 kHz if needed).</summary>
    public AudioPlayer(PcmAudio audio, int loops = 1, bool bargeIn = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(loops);
        _samples = audio.ResampledTo(8000).Samples;
        _loops = loops;
        BargeIn = bargeIn;
    }

    /// <summary>Whether a received DTMF digit should stop this player.</summary>
    public bool BargeIn { get; }

    /// <summary>True once the audio played out or <see cref="Stop"/> was called.</summary>
    public bool IsFinished => _stopped || (_loops > 0 && _loopsDone >= _loops) || _samples.Length == 0;

    /// <summary>True when stopped by <see cref="Stop"/> rather than by playing out.</summary>
    public bool WasStopped => _stopped;

    /// <summary>Stops playback at the next frame. Thread-safe.</summary>
    public void Stop() => _stopped = true;

    /// <inheritdoc />
    public bool Read(Span<short> frame)
    {
        var written = 0;
        while (written < frame.Length && !IsFinished)
        {
            var take = Math.Min(frame.Length - written, _samples.Length - _position);
            _samples.AsSpan(_position, take).CopyTo(frame[written..]);
            written += take;
            _position += take;
            if (_position == _samples.Length)
            {
                _position = 0;
                _loopsDone++;
            }
        }

        frame[written..].Clear();
        return written > 0;
    }
}

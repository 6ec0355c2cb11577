namespace Voice.Media.Playback;

/// <summary>
/// A source of 8 kHz 16-bit mono audio read one frame per media tick (a player, TTS, a conference output, a tone).
/// Called on the clock thread; must not block.
/// </summary>
public interface IAudioSource
{
    /// <summary>
    /// Fills <paramref name="frame"/> completely (silence-padded at the end of the audio). Returns false when the
    /// source has nothing more to give (finished or stopped); the frame is then silence.
    /// </summary>
    bool Read(Span<short> frame);
}

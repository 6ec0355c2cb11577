namespace Voice.Media.Taps;

/// <summary>
/// Sees each 20 ms tick of a call leg's audio: the frame received from the peer (after the jitter buffer) and the
/// frame sent to it, both 160 samples of 8 kHz 16-bit mono. Media forks (WebSocket streams), recognizers and
/// detectors are taps. Called on the media clock thread after the frame was sent; it must only copy or do a few
/// microseconds of work and never block: anything slower runs on the tap's own task behind a bounded buffer.
/// </summary>
public interface IMediaFrameTap
{
    /// <summary>One tick's audio. The spans are only valid during the call.</summary>
    void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent);

    /// <summary>
    /// False while the tap does nothing with frames (e.g. an answer buffer past its capacity with nothing attached),
    /// so a bridge may forward the leg's packets instead of decoding them; its frames are then silence.
    /// </summary>
    bool NeedsFrames => true;
}

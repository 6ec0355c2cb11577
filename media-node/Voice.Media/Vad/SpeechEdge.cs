namespace Voice.Media.Vad;

/// <summary>What a window changed in <see cref="SpeechSegmenter"/>.</summary>
public enum SpeechEdge
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>A speech segment started (at <see cref="SpeechSegmenter.SegmentStart"/>).</summary>
    Started,

    /// <summary>The speech segment ended (at <see cref="SpeechSegmenter.SegmentEnd"/>).</summary>
    Ended,
}

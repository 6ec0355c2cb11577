namespace Voice.Media.Vad;

/// <summary>
/// Turns per-window speech probabilities into speech segments with hysteresis: a segment starts after
/// <see cref="SpeechSegmenterOptions.MinSpeech"/> of windows at or above the start threshold and ends after
/// <see cref="SpeechSegmenterOptions.MinSilence"/> of windows below the (lower) end threshold. Times are stream
/// time (windows × window duration), so the same audio always gives the same segments. Serves end-of-utterance,
/// barge-in and answering-machine detection alike.
/// </summary>
public sealed class SpeechSegmenter
{
    private readonly SpeechSegmenterOptions _options;
    private readonly int _minSpeechWindows;
    private readonly int _minSilenceWindows;
    private long _windows;
    private int _run;
    private long _runStart;

    /// <summary>Creates a segmenter.</summary>
    public SpeechSegmenter(SpeechSegmenterOptions? options = null)
    {
        _options = options ?? new SpeechSegmenterOptions();
        if (_options.WindowDuration <= TimeSpan.Zero || _options.EndThreshold > _options.StartThreshold)
        {
            throw new ArgumentException("The window duration must be positive and the end threshold at most the start threshold.", nameof(options));
        }

        _minSpeechWindows = Math.Max(1, (int)Math.Ceiling(_options.MinSpeech / _options.WindowDuration));
        _minSilenceWindows = Math.Max(1, (int)Math.Ceiling(_options.MinSilence / _options.WindowDuration));
    }

    /// <summary>True while inside a speech segment.</summary>
    public bool IsSpeech { get; private set; }

    /// <summary>Start of the current or last segment.</summary>
    public TimeSpan SegmentStart { get; private set; }

    /// <summary>End of the last finished segment.</summary>
    public TimeSpan SegmentEnd { get; private set; }

    /// <summary>Stream time after the windows pushed so far.</summary>
    public TimeSpan Now => _options.WindowDuration * _windows;

    /// <summary>Segments started so far.</summary>
    public int Segments { get; private set; }

    /// <summary>Takes the next window's probability.</summary>
    public SpeechEdge Push(float probability)
    {
        var index = _windows++;
        var counts = IsSpeech ? probability < _options.EndThreshold : probability >= _options.StartThreshold;
        if (!counts)
        {
            _run = 0;
            return SpeechEdge.None;
        }

        if (_run++ == 0)
        {
            _runStart = index;
        }

        if (!IsSpeech && _run >= _minSpeechWindows)
        {
            IsSpeech = true;
            _run = 0;
            Segments++;
            SegmentStart = _options.WindowDuration * _runStart;
            return SpeechEdge.Started;
        }

        if (IsSpeech && _run >= _minSilenceWindows)
        {
            IsSpeech = false;
            _run = 0;
            SegmentEnd = _options.WindowDuration * _runStart;
            return SpeechEdge.Ended;
        }

        return SpeechEdge.None;
    }
}

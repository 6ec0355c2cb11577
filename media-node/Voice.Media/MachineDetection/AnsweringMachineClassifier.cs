using Voice.Media.Vad;

namespace Voice.Media.MachineDetection;

/// <summary>
/// Decides human, machine or not sure from the cadence of the answer's first seconds, Asterisk-AMD style but on
/// Silero VAD segments instead of an energy gate: a human says a few words ("hello?") and waits, so a short greeting
/// followed by <see cref="MachineDetectionSettings.AfterGreetingSilence"/> is a human; a recorded greeting goes on,
/// so speech past <see cref="MachineDetectionSettings.GreetingDuration"/> (or one very long utterance, or many) is a
/// machine; nothing by <see cref="MachineDetectionSettings.TotalAnalysisTime"/> is not sure. After a machine it
/// waits for the greeting's end: a beep (<see cref="BeepDetector"/>), or silence. A beep at any point means a machine.
/// Synchronous and clock-free: time is the audio's own (frames × 20 ms), so a corpus replays exactly;
/// <see cref="AnsweringMachineDetector"/> runs it live off the media clock.
/// </summary>
public sealed class AnsweringMachineClassifier
{
    /// <summary>Samples per frame (20 ms at 8 kHz).</summary>
    public const int FrameSamples = 160;

    private readonly MachineDetectionSettings _settings;
    private readonly IVoiceActivityDetector _vad;
    private readonly SampleWindower _windower;
    private readonly SpeechSegmenter _segmenter;
    private readonly BeepDetector _beep;
    private readonly TimeSpan _windowDuration;
    private long _frames;
    private bool _heardSpeech;
    private TimeSpan _greetingStart;
    private TimeSpan _machineAt;

    /// <summary>Creates a classifier over <paramref name="vad"/> (not disposed by the classifier).</summary>
    public AnsweringMachineClassifier(IVoiceActivityDetector vad, MachineDetectionSettings? settings = null)
    {
        _vad = vad;
        _settings = settings ?? new MachineDetectionSettings();
        _windower = new SampleWindower(vad.WindowSamples);
        _windowDuration = TimeSpan.FromSeconds(vad.WindowSamples / 8000.0);
        _segmenter = new SpeechSegmenter(new SpeechSegmenterOptions { MinSilence = _settings.BetweenWordsSilence, WindowDuration = _windowDuration });
        _beep = new BeepDetector(_settings.Beep);
    }

    /// <summary>Who answered, once decided.</summary>
    public MachineDetectionResult? Result { get; private set; }

    /// <summary>Stream time at which <see cref="Result"/> was decided.</summary>
    public TimeSpan ResultAt { get; private set; }

    /// <summary>How the greeting ended, once decided (only after a machine, and only what the settings report).</summary>
    public GreetingEndResult? GreetingEnd { get; private set; }

    /// <summary>Stream time at which <see cref="GreetingEnd"/> was decided.</summary>
    public TimeSpan GreetingEndAt { get; private set; }

    /// <summary>True when nothing more will be decided.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Stream time: the audio processed so far.</summary>
    public TimeSpan Now => TimeSpan.FromMilliseconds(20 * _frames);

    /// <summary>Takes the next 20 ms frame of received audio.</summary>
    /// <exception cref="ArgumentException">The frame is not 160 samples.</exception>
    public MachineDetectionUpdate Process(ReadOnlySpan<short> frame)
    {
        if (frame.Length != FrameSamples)
        {
            throw new ArgumentException($"A frame is {FrameSamples} samples, not {frame.Length}.", nameof(frame));
        }

        if (IsFinished)
        {
            return MachineDetectionUpdate.None;
        }

        _frames++;
        var update = MachineDetectionUpdate.None;
        if (_beep.Process(frame))
        {
            update |= Decide(MachineDetectionResult.Machine);
            update |= EndGreeting(GreetingEndResult.BeepDetected);
            return update;
        }

        _windower.Append(frame);
        while (_windower.TryRead(out var window))
        {
            var probability = IsQuiet(window) ? 0f : _vad.Score(window);
            if (_segmenter.Push(probability) == SpeechEdge.Started && !_heardSpeech)
            {
                _heardSpeech = true;
                _greetingStart = _segmenter.SegmentStart;
            }
        }

        update |= Result is null ? Classify() : FollowGreeting();
        return update;
    }

    private MachineDetectionUpdate Classify()
    {
        var now = Now;
        if (!_heardSpeech)
        {
            if (_settings.InitialSilence is { } initial && now >= initial)
            {
                return Decide(MachineDetectionResult.Machine);
            }

            return now >= _settings.TotalAnalysisTime ? Decide(MachineDetectionResult.NotSure) : MachineDetectionUpdate.None;
        }

        if (_segmenter.IsSpeech)
        {
            var longGreeting = now - _greetingStart >= _settings.GreetingDuration;
            var longWord = now - _segmenter.SegmentStart >= _settings.MaximumWordLength;
            var manyWords = _settings.MaximumNumberOfWords is { } words && _segmenter.Segments > words;
            if (longGreeting || longWord || manyWords)
            {
                return Decide(MachineDetectionResult.Machine);
            }
        }
        else if (now - _segmenter.SegmentEnd >= _settings.AfterGreetingSilence)
        {
            return Decide(MachineDetectionResult.Human);
        }

        return now >= _settings.TotalAnalysisTime ? Decide(MachineDetectionResult.NotSure) : MachineDetectionUpdate.None;
    }

    private MachineDetectionUpdate FollowGreeting()
    {
        var now = Now;
        if (_settings.GreetingEnd == GreetingEndReporting.All && !_segmenter.IsSpeech && now - _segmenter.SegmentEnd >= _settings.GreetingSilenceDuration
            && _segmenter.SegmentEnd >= _greetingStart)
        {
            return EndGreeting(GreetingEndResult.Ended);
        }

        return now - _machineAt >= _settings.GreetingTotalAnalysisTime ? EndGreeting(GreetingEndResult.NotSure) : MachineDetectionUpdate.None;
    }

    private MachineDetectionUpdate Decide(MachineDetectionResult result)
    {
        if (Result is not null)
        {
            return MachineDetectionUpdate.None;
        }

        Result = result;
        ResultAt = Now;
        _machineAt = Now;
        if (result != MachineDetectionResult.Machine || _settings.GreetingEnd == GreetingEndReporting.None)
        {
            IsFinished = true;
        }

        return MachineDetectionUpdate.DetectionEnded;
    }

    private MachineDetectionUpdate EndGreeting(GreetingEndResult result)
    {
        if (IsFinished)
        {
            return MachineDetectionUpdate.None;
        }

        IsFinished = true;
        if (result != GreetingEndResult.BeepDetected && _settings.GreetingEnd != GreetingEndReporting.All)
        {
            return MachineDetectionUpdate.None;
        }

        GreetingEnd = result;
        GreetingEndAt = Now;
        return MachineDetectionUpdate.GreetingEnded;
    }

    private bool IsQuiet(ReadOnlySpan<short> window)
    {
        if (_settings.SilenceThreshold <= 0)
        {
            return false;
        }

        long sum = 0;
        foreach (var s in window)
        {
            sum += Math.Abs((int)s);
        }

        return sum < (long)_settings.SilenceThreshold * window.Length;
    }
}

using Voice.Media.Streaming;
using Voice.Media.Vad;

namespace Voice.Media.Speech;

/// <summary>
/// Cuts one track of a call's 8 kHz audio into utterances with the VAD and streams each to a recognizer at 16 kHz:
/// an utterance opens when the VAD hears speech start (with <see cref="SpeechListenerSettings.PreRoll"/> of audio
/// from before it), and ends after <see cref="SpeechListenerSettings.EndSilence"/> of silence or at
/// <see cref="SpeechListenerSettings.MaxUtterance"/>. Clock-free and synchronous (stream time counts frames), so
/// the same audio always cuts the same way; <see cref="SpeechListener"/> runs it live. Not thread-safe.
/// </summary>
public sealed class UtteranceDetector : IDisposable
{
    private const int FrameSamples = 160;
    private static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);
    private readonly ISpeechRecognizer _recognizer;
    private readonly IVoiceActivityDetector _vad;
    private readonly SpeechListenerSettings _settings;
    private readonly SampleWindower _windower;
    private readonly SpeechSegmenter _segmenter;
    private readonly Queue<short[]> _preRoll = new();
    private readonly int _preRollFrames;
    private readonly short[] _wide = new short[FrameSamples * 2];
    private readonly NoiseFloor _noise = new();
    private ISpeechRecognitionStream? _utterance;
    private FrameUpsampler? _upsampler;
    private TimeSpan _utteranceStart;
    private TimeSpan _lastPartialAt;
    private string? _lastPartial;
    private long _frames;

    /// <summary>A detector over <paramref name="vad"/> (owned: disposed with this).</summary>
    public UtteranceDetector(ISpeechRecognizer recognizer, IVoiceActivityDetector vad, SpeechListenerSettings settings)
    {
        _recognizer = recognizer;
        _vad = vad;
        _settings = settings;
        _windower = new SampleWindower(vad.WindowSamples);
        _segmenter = new SpeechSegmenter(new SpeechSegmenterOptions
        {
            MinSilence = settings.EndSilence,
            WindowDuration = TimeSpan.FromSeconds(vad.WindowSamples / 8000.0),
        });
        _preRollFrames = (int)Math.Ceiling(settings.PreRoll / FrameDuration);
    }

    /// <summary>Stream time after the frames processed so far.</summary>
    public TimeSpan Now => FrameDuration * _frames;

    /// <summary>True once a speech input's utterance ended or its start timeout passed: nothing more will come.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>True while an utterance is open.</summary>
    public bool InUtterance => _utterance is not null;

    /// <summary>Takes the next 20 ms frame (160 samples).</summary>
    /// <exception cref="SpeechUnavailableException">The recognizer cannot open an utterance.</exception>
    public UtteranceStep Process(ReadOnlySpan<short> frame)
    {
        if (IsFinished)
        {
            return UtteranceStep.None;
        }

        if (frame.Length != FrameSamples)
        {
            throw new ArgumentException($"frames are {FrameSamples} samples, not {frame.Length}", nameof(frame));
        }

        _frames++;
        var started = false;
        UtteranceEnding? ended = null;
        _windower.Append(frame);
        while (_windower.TryRead(out var window))
        {
            switch (_segmenter.Push(_vad.Score(window)))
            {
                case SpeechEdge.Started when _utterance is null:
                    Open();
                    started = true;
                    break;
                case SpeechEdge.Ended when _utterance is not null:
                    ended = Close(SpeechEndReason.EndOnSilence);
                    break;
            }
        }

        if (_utterance is null)
        {
            if (ended is null)
            {
                Remember(frame);
            }

            if (!_settings.Continuous && ended is null && _settings.StartTimeout is { } timeout && Now >= timeout && _segmenter.Segments == 0)
            {
                IsFinished = true;
                return new UtteranceStep(started, null, null, TimedOut: true);
            }

            return new UtteranceStep(started, null, ended, false);
        }

        Write(frame);

        if (Now - _utteranceStart >= _settings.MaxUtterance)
        {
            return new UtteranceStep(started, null, Close(SpeechEndReason.MaxDuration), false);
        }

        return new UtteranceStep(started, Partial(), ended, false);
    }

    /// <summary>Ends an open utterance (the listener is stopped); null when none is open.</summary>
    public UtteranceEnding? Stop() => _utterance is null ? null : Close(SpeechEndReason.Stopped);

    public void Dispose()
    {
        _utterance?.Dispose();
        _utterance = null;
        _vad.Dispose();
    }

    private void Open()
    {
        _utterance = _recognizer.Open(_settings.PartialInterval is null ? _settings.Request : _settings.Request with { PartialResults = true });
        _upsampler = new FrameUpsampler();
        _utteranceStart = Now - (FrameDuration * _preRoll.Count);
        _lastPartial = null;
        _lastPartialAt = Now;
        while (_preRoll.TryDequeue(out var old))
        {
            Write(old);
        }
    }

    private UtteranceEnding Close(SpeechEndReason reason)
    {
        var stream = _utterance!;
        _utterance = null;
        if (!_settings.Continuous)
        {
            IsFinished = true;
        }

        // The VAD's state is the speech that just ended; the next utterance starts afresh.
        _vad.Reset();
        return new UtteranceEnding(stream, reason, Now, Now - _utteranceStart);
    }

    private void Write(ReadOnlySpan<short> frame)
    {
        _upsampler!.Upsample(frame, _wide);
        _noise.AddTo(_wide);
        _utterance!.Write(_wide);
    }

    private void Remember(ReadOnlySpan<short> frame)
    {
        if (_preRollFrames == 0)
        {
            return;
        }

        var copy = _preRoll.Count >= _preRollFrames ? _preRoll.Dequeue() : new short[FrameSamples];
        frame.CopyTo(copy);
        _preRoll.Enqueue(copy);
    }

    private string? Partial()
    {
        if (_settings.PartialInterval is not { } interval || Now - _lastPartialAt < interval || _utterance!.Partial is not { } text || text == _lastPartial)
        {
            return null;
        }

        _lastPartialAt = Now;
        _lastPartial = text;
        return text;
    }
}

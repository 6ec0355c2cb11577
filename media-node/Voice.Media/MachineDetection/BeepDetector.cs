using Voice.Media.Dtmf;

namespace Voice.Media.MachineDetection;

/// <summary>
/// Finds a voicemail beep in 20 ms frames: a bank of Goertzel filters every 25 Hz over the beep band picks each
/// frame's strongest frequency; a frame is tonal when that frequency holds most of its energy, and a beep is
/// tonal frames at one frequency (± 50 Hz) for the minimum duration. A sinusoid is at most 12.5 Hz from a filter,
/// where a 160-sample Goertzel still keeps about 80 % of its power.
/// </summary>
public sealed class BeepDetector
{
    private const int FrameSamples = 160;
    private const int StepHz = 25;

    private readonly BeepDetectorSettings _settings;
    private readonly double[] _frequencies;
    private readonly double[] _coefficients;
    private readonly int _minFrames;
    private readonly double _minMeanSquare;
    private int _run;
    private double _runFrequency;
    private long _frames;
    private long _runStart;

    /// <summary>Creates a detector.</summary>
    public BeepDetector(BeepDetectorSettings? settings = null)
    {
        _settings = settings ?? new BeepDetectorSettings();
        if (_settings.MinFrequency < 100 || _settings.MaxFrequency > 3900 || _settings.MinFrequency > _settings.MaxFrequency)
        {
            throw new ArgumentException("The beep band must lie within 100..3900 Hz, lowest first.", nameof(settings));
        }

        var count = ((_settings.MaxFrequency - _settings.MinFrequency) / StepHz) + 1;
        _frequencies = new double[count];
        _coefficients = new double[count];
        for (var i = 0; i < count; i++)
        {
            _frequencies[i] = _settings.MinFrequency + (i * StepHz);
            _coefficients[i] = Goertzel.Coefficient(_frequencies[i]);
        }

        _minFrames = Math.Max(1, (int)Math.Ceiling(_settings.MinDuration.TotalMilliseconds / 20));

        // A sine at L dBm0 has mean square (peak²/2); the 0 dBm0 peak in 16-bit G.711 scale is about 22767.
        var peak = 22767 * Math.Pow(10, _settings.MinLevelDbm0 / 20);
        _minMeanSquare = peak * peak / 2;
    }

    /// <summary>Frequency of the beep found, in Hz.</summary>
    public double BeepFrequency { get; private set; }

    /// <summary>Where the beep started, in stream time.</summary>
    public TimeSpan BeepStart { get; private set; }

    /// <summary>Takes the next 20 ms frame; true on the frame that completes a beep (once per tone).</summary>
    /// <exception cref="ArgumentException">The frame is not 160 samples.</exception>
    public bool Process(ReadOnlySpan<short> frame)
    {
        if (frame.Length != FrameSamples)
        {
            throw new ArgumentException($"A frame is {FrameSamples} samples, not {frame.Length}.", nameof(frame));
        }

        var index = _frames++;
        var energy = Goertzel.Energy(frame);
        if (energy / FrameSamples < _minMeanSquare)
        {
            _run = 0;
            return false;
        }

        var best = 0;
        var bestPower = -1.0;
        for (var i = 0; i < _coefficients.Length; i++)
        {
            var power = Goertzel.Power(frame, _coefficients[i]);
            if (power > bestPower)
            {
                bestPower = power;
                best = i;
            }
        }

        var purity = 2 * bestPower / (FrameSamples * energy);
        if (purity < _settings.MinPurity)
        {
            _run = 0;
            return false;
        }

        var frequency = _frequencies[best];
        if (_run > 0 && Math.Abs(frequency - _runFrequency) <= 2 * StepHz)
        {
            _run++;
        }
        else
        {
            _run = 1;
            _runFrequency = frequency;
            _runStart = index;
        }

        if (_run != _minFrames)
        {
            return false;
        }

        BeepFrequency = _runFrequency;
        BeepStart = TimeSpan.FromMilliseconds(20 * _runStart);
        return true;
    }
}

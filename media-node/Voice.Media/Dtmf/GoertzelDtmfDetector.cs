namespace Voice.Media.Dtmf;

/// <summary>
/// In-band DTMF detector (fallback when the peer sends tones instead of RFC 4733 events). Analyses 205-sample
/// windows (25.6 ms at 8 kHz) every 102 samples with Goertzel filters at the eight keypad frequencies. A window
/// holds a digit when the strongest row and column tones are each above the level threshold (about -30 dBm0),
/// their twist is within ±8 dB, every other row/column is 6 dB weaker, and the two tones carry at least 70 % of
/// the window's energy (which rejects speech and noise). A digit is confirmed after two consecutive windows
/// (≈ 38 ms of tone) and reported once, when it ends (two windows without it), with its measured duration.
/// Not thread-safe; feed it decoded 8 kHz audio in any chunk size.
/// </summary>
public sealed class GoertzelDtmfDetector
{
    private const int WindowSize = 205;
    private const int Hop = 102;
    private const int SampleRate = 8000;
    private const double MinimumEnergyFraction = 0.7;
    private const double MaximumTwist = 6.31; // 8 dB in power
    private const double NeighbourRejection = 4.0; // 6 dB in power

    // A sine at -30 dBm0 has a peak of about 720 (0 dBm0 ≈ 22767 peak for G.711); Goertzel power ≈ (A·N/2)².
    private static readonly double MinimumPower = Math.Pow(720.0 * WindowSize / 2, 2);
    private static readonly double[] RowCoefficients = DtmfDigits.RowFrequencies.Select(f => Goertzel.Coefficient(f, SampleRate)).ToArray();
    private static readonly double[] ColumnCoefficients = DtmfDigits.ColumnFrequencies.Select(f => Goertzel.Coefficient(f, SampleRate)).ToArray();

    private readonly short[] _ring = new short[WindowSize];
    private readonly short[] _window = new short[WindowSize];
    private int _ringNext;
    private readonly double[] _rowPower = new double[4];
    private readonly double[] _columnPower = new double[4];
    private int _filled;
    private int _sinceLastWindow;
    private char? _candidate;
    private int _candidateWindows;
    private char? _current;
    private int _currentWindows;
    private int _missingWindows;

    /// <summary>
    /// Feeds samples; writes digits whose tone ended into <paramref name="detected"/> (give it room for a few)
    /// and returns how many.
    /// </summary>
    public int Process(ReadOnlySpan<short> samples, Span<DtmfDigitDetected> detected)
    {
        var count = 0;
        foreach (var sample in samples)
        {
            _ring[_ringNext] = sample;
            _ringNext = (_ringNext + 1) % WindowSize;
            _filled = Math.Min(_filled + 1, WindowSize);
            if (_filled == WindowSize && ++_sinceLastWindow >= Hop)
            {
                _sinceLastWindow = 0;

                // Unroll the ring into time order (oldest sample first).
                Array.Copy(_ring, _ringNext, _window, 0, WindowSize - _ringNext);
                Array.Copy(_ring, 0, _window, WindowSize - _ringNext, _ringNext);
                if (Step(Classify(), out var digit) && count < detected.Length)
                {
                    detected[count++] = digit;
                }
            }
        }

        return count;
    }

    private bool Step(char? digit, out DtmfDigitDetected detected)
    {
        detected = default;
        if (digit is not null && digit == _candidate)
        {
            _candidateWindows++;
        }
        else
        {
            _candidate = digit;
            _candidateWindows = digit is null ? 0 : 1;
        }

        if (_current is null)
        {
            if (_candidateWindows >= 2)
            {
                _current = _candidate;
                _currentWindows = _candidateWindows;
                _missingWindows = 0;
            }

            return false;
        }

        if (digit == _current)
        {
            _currentWindows++;
            _missingWindows = 0;
            return false;
        }

        if (++_missingWindows < 2)
        {
            return false;
        }

        // Duration: windows that held the digit, each hop apart, plus the rest of the last window.
        var milliseconds = ((_currentWindows - 1) * Hop + WindowSize) * 1000 / SampleRate;
        detected = new DtmfDigitDetected(_current.Value, milliseconds, DtmfSource.InBand);
        _current = null;
        return true;
    }

    private char? Classify()
    {
        var energy = Goertzel.Energy(_window);
        if (energy <= 0)
        {
            return null;
        }

        var row = Strongest(RowCoefficients, _rowPower);
        var column = Strongest(ColumnCoefficients, _columnPower);
        var rowPower = _rowPower[row];
        var columnPower = _columnPower[column];
        if (rowPower < MinimumPower || columnPower < MinimumPower)
        {
            return null;
        }

        if (columnPower > rowPower * MaximumTwist || rowPower > columnPower * MaximumTwist)
        {
            return null;
        }

        for (var i = 0; i < 4; i++)
        {
            if ((i != row && _rowPower[i] * NeighbourRejection > rowPower) || (i != column && _columnPower[i] * NeighbourRejection > columnPower))
            {
                return null;
            }
        }

        var fraction = 2 * (rowPower + columnPower) / (WindowSize * energy);
        return fraction < MinimumEnergyFraction ? null : DtmfDigits.FromKeypad(row, column);
    }

    private int Strongest(double[] coefficients, double[] powers)
    {
        var best = 0;
        for (var i = 0; i < coefficients.Length; i++)
        {
            powers[i] = Goertzel.Power(_window, coefficients[i]);
            if (powers[i] > powers[best])
            {
                best = i;
            }
        }

        return best;
    }
}

namespace Voice.Media.Dtmf;

/// <summary>The Goertzel algorithm: the power of one frequency in a block of samples (a single DFT term).</summary>
public static class Goertzel
{
    /// <summary>
    /// Squared magnitude of the DFT term at <paramref name="frequency"/> Hz. A sinusoid of amplitude A over N samples
    /// gives about (A·N/2)².
    /// </summary>
    public static double Power(ReadOnlySpan<short> samples, double frequency, int sampleRate = 8000) =>
        Power(samples, Coefficient(frequency, sampleRate));

    /// <summary>The filter coefficient 2·cos(2πf/fs), to precompute for repeated use.</summary>
    public static double Coefficient(double frequency, int sampleRate = 8000) => 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);

    /// <summary>Power with a precomputed <see cref="Coefficient"/>.</summary>
    public static double Power(ReadOnlySpan<short> samples, double coefficient)
    {
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s0 = x + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
    }

    /// <summary>
    /// Fraction (0..1) of the block's energy that lies at <paramref name="frequency"/>: 1 for a pure sinusoid,
    /// near 0 for a frequency absent from the block. 0 for a silent block.
    /// </summary>
    public static double EnergyFraction(ReadOnlySpan<short> samples, double frequency, int sampleRate = 8000)
    {
        var energy = Energy(samples);
        return energy <= 0 ? 0 : 2 * Power(samples, frequency, sampleRate) / (samples.Length * energy);
    }

    /// <summary>Sum of squared samples.</summary>
    public static double Energy(ReadOnlySpan<short> samples)
    {
        double energy = 0;
        foreach (var x in samples)
        {
            energy += (double)x * x;
        }

        return energy;
    }
}

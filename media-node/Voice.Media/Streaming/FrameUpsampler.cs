namespace Voice.Media.Streaming;

/// <summary>
/// Doubles the rate of a stream of 8 kHz frames to 16 kHz: zero-stuffing through a <see cref="HalfBandFilter"/>,
/// which keeps its history, so a stream converted frame by frame has no clicks at the edges. One per stream.
/// </summary>
public sealed class FrameUpsampler
{
    private readonly HalfBandFilter _filter = new();

    /// <summary>Writes the 2 × <paramref name="source"/>.Length samples at 16 kHz into <paramref name="destination"/>.</summary>
    public void Upsample(ReadOnlySpan<short> source, Span<short> destination)
    {
        if (destination.Length < source.Length * 2)
        {
            throw new ArgumentException("The destination must hold twice the source's samples.", nameof(destination));
        }

        for (var i = 0; i < source.Length; i++)
        {
            // Zero-stuffing halves the level; the ×2 gain restores it.
            destination[2 * i] = Saturate(2 * _filter.Next(source[i]));
            destination[(2 * i) + 1] = Saturate(2 * _filter.Next(0));
        }
    }

    internal static short Saturate(float value) => (short)Math.Clamp(MathF.Round(value), short.MinValue, short.MaxValue);
}

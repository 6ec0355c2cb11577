namespace Voice.Media.Taps;

/// <summary>
/// How long the far end has been silent: a tap that counts the received 20 ms frames since the last one whose RMS
/// reached <see cref="Threshold"/> (speech and tones are thousands, comfort noise and line hiss tens). Written on
/// the clock thread, read from anywhere.
/// </summary>
public sealed class SilenceWatch : IMediaFrameTap
{
    public const double Threshold = 300;

    private static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(20);
    private long quietFrames;

    public TimeSpan SilentFor => FrameLength * Volatile.Read(ref quietFrames);

    public void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent)
    {
        double sum = 0;
        foreach (var sample in received)
        {
            sum += sample * sample;
        }

        var loud = received.Length > 0 && Math.Sqrt(sum / received.Length) >= Threshold;
        Volatile.Write(ref quietFrames, loud ? 0 : quietFrames + 1);
    }
}

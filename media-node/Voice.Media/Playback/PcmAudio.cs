namespace Voice.Media.Playback;

/// <summary>Decoded mono 16-bit audio at a known sample rate (a prompt, a TTS rendering).</summary>
/// <param name="Samples">The samples.</param>
/// <param name="SampleRate">Samples per second.</param>
public sealed record PcmAudio(short[] Samples, int SampleRate)
{
    /// <summary>Duration of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    /// <summary>This audio at <paramref name="sampleRate"/> (itself when already at that rate).</summary>
    public PcmAudio ResampledTo(int sampleRate) =>
        sampleRate == SampleRate ? this : new PcmAudio(Resampler.Resample(Samples, SampleRate, sampleRate), sampleRate);
}

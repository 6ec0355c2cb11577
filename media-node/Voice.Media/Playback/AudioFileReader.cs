using Voice.Media.Codecs;

namespace Voice.Media.Playback;

/// <summary>Container of a prompt the host fetched (from a URL or a blob).</summary>
public enum AudioFileFormat
{
    /// <summary>RIFF/WAVE (see <see cref="WavFile"/>).</summary>
    Wav,

    /// <summary>Headerless 8 kHz μ-law (.ulaw, audio/basic).</summary>
    RawMulaw,

    /// <summary>Headerless 8 kHz A-law (.alaw).</summary>
    RawAlaw,
}

/// <summary>The outcome of reading a prompt: audio at 8 kHz, or why it could not be read.</summary>
/// <param name="Audio">The audio, resampled to 8 kHz; null on failure.</param>
/// <param name="Error">Why reading failed; null on success.</param>
public sealed record AudioFileReadResult(PcmAudio? Audio, string? Error);

/// <summary>Reads prompts from streams into 8 kHz audio ready for an <see cref="AudioPlayer"/>.</summary>
public static class AudioFileReader
{
    /// <summary>Default size limit (about 50 minutes of 16 kHz 16-bit audio).</summary>
    public const int DefaultMaximumBytes = 100 * 1024 * 1024;

    /// <summary>
    /// Reads the whole stream and decodes it. Never throws for bad content (the result carries the error);
    /// I/O errors and cancellation propagate.
    /// </summary>
    public static async Task<AudioFileReadResult> ReadAsync(Stream stream, AudioFileFormat format, int maximumBytes = DefaultMaximumBytes, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maximumBytes)
            {
                return new AudioFileReadResult(null, $"audio larger than {maximumBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), format);
    }

    /// <summary>Decodes in-memory file content to 8 kHz audio.</summary>
    public static AudioFileReadResult Parse(ReadOnlySpan<byte> data, AudioFileFormat format)
    {
        switch (format)
        {
            case AudioFileFormat.Wav:
                return WavFile.TryParse(data, out var audio, out var error)
                    ? new AudioFileReadResult(audio.ResampledTo(AudioCodecs.SampleRate), null)
                    : new AudioFileReadResult(null, error);
            case AudioFileFormat.RawMulaw:
            case AudioFileFormat.RawAlaw:
                var samples = new short[data.Length];
                (format == AudioFileFormat.RawMulaw ? AudioCodec.Pcmu : AudioCodec.Pcma).Decode(data, samples);
                return new AudioFileReadResult(new PcmAudio(samples, AudioCodecs.SampleRate), null);
            default:
                return new AudioFileReadResult(null, $"unknown format {format}");
        }
    }
}

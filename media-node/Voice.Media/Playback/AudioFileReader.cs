using Voice.Media.Codecs;

namespace Voice.Media.Playback;

/// <summary>Container of a prompt the host fetched (from a URL or a blob).</summary>
public enum AudioFileFormat
{
    /// <summary>RIFF/WAVE (see <see cref="WavFile"/>).</summary>
    Wav,

    /// <summary>Headerless 8 kHz μ-law (.ulaw, audio/basic); content that is WAV or MP3 is read as that.</summary>
    RawMulaw,

    /// <summary>Headerless 8 kHz A-law (.alaw); content that is WAV or MP3 is read as that.</summary>
    RawAlaw,

    /// <summary>MPEG layer III (see <see cref="Mp3File"/>).</summary>
    Mp3,

    /// <summary>Whatever the content is: RIFF/WAVE, or MP3 (an ID3v2 tag or a frame sync); anything else is an error.</summary>
    Detect,
}

/// <summary>The outcome of reading a prompt: audio at the asked rate (8 kHz by default), or why it could not be read.</summary>
/// <param name="Audio">The audio, mono, resampled to the asked rate; null on failure.</param>
/// <param name="Error">Why reading failed; null on success.</param>
public sealed record AudioFileReadResult(PcmAudio? Audio, string? Error);

/// <summary>
/// Reads prompts from streams into mono audio at the call's rate, ready for an <see cref="AudioPlayer"/>. The
/// container is told by the content (RIFF/WAVE header, MP3 frame sync or ID3v2 tag), never by a file name or a
/// content type: those only say whether content that is neither is headerless G.711.
/// </summary>
public static class AudioFileReader
{
    /// <summary>Default size limit (about 50 minutes of 16 kHz 16-bit audio).</summary>
    public const int DefaultMaximumBytes = 100 * 1024 * 1024;

    /// <summary>
    /// Reads the whole stream and decodes it. Never throws for bad content (the result carries the error);
    /// I/O errors and cancellation propagate.
    /// </summary>
    public static async Task<AudioFileReadResult> ReadAsync(Stream stream, AudioFileFormat format, int maximumBytes = DefaultMaximumBytes, int sampleRate = AudioCodecs.SampleRate, CancellationToken cancellationToken = default)
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

        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), format, sampleRate);
    }

    /// <summary>The container <paramref name="data"/> is by its content: Wav, Mp3, or null when it is neither.</summary>
    public static AudioFileFormat? DetectFormat(ReadOnlySpan<byte> data) =>
        data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WAVE"u8) ? AudioFileFormat.Wav
        : Mp3File.IsMp3(data) ? AudioFileFormat.Mp3
        : null;

    /// <summary>Decodes in-memory file content to mono audio at <paramref name="sampleRate"/>.</summary>
    public static AudioFileReadResult Parse(ReadOnlySpan<byte> data, AudioFileFormat format, int sampleRate = AudioCodecs.SampleRate)
    {
        var detected = DetectFormat(data);
        switch (format)
        {
            case AudioFileFormat.Wav:
                return Decoded(WavFile.TryParse(data, out var wav, out var wavError), wav, wavError, sampleRate);
            case AudioFileFormat.Mp3:
                return Decoded(Mp3File.TryParse(data, out var mp3, out var mp3Error), mp3, mp3Error, sampleRate);
            case AudioFileFormat.RawMulaw or AudioFileFormat.RawAlaw or AudioFileFormat.Detect when detected is { } container:
                return Parse(data, container, sampleRate);
            case AudioFileFormat.RawMulaw or AudioFileFormat.RawAlaw:
                var samples = new short[data.Length];
                (format == AudioFileFormat.RawMulaw ? AudioCodec.Pcmu : AudioCodec.Pcma).Decode(data, samples);
                return new AudioFileReadResult(new PcmAudio(samples, AudioCodecs.SampleRate).ResampledTo(sampleRate), null);
            case AudioFileFormat.Detect:
                return new AudioFileReadResult(null, data.IsEmpty ? "empty audio file" : "not a WAV or MP3 file");
            default:
                return new AudioFileReadResult(null, $"unknown format {format}");
        }
    }

    private static AudioFileReadResult Decoded(bool parsed, PcmAudio audio, string error, int sampleRate) =>
        parsed ? new AudioFileReadResult(audio.ResampledTo(sampleRate), null) : new AudioFileReadResult(null, error);
}

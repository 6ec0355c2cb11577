using NLayer;

namespace Voice.Media.Playback;

/// <summary>
/// MP3 (MPEG-1/2/2.5 Layer III) prompts, decoded with NLayer and mixed down to mono at the file's own rate (see
/// <see cref="PcmAudio.ResampledTo"/>). The audio must start with a frame that a second frame follows
/// (<see cref="Mp3FrameHeader.FindFirstFrame"/>), after any ID3v2 tags. Malformed input is reported through the
/// return value, never thrown.
/// </summary>
public static class Mp3File
{
    private const int ReadFrames = 4096;

    /// <summary>True when <paramref name="data"/> looks like MP3: an ID3v2 tag or a checked frame sync.</summary>
    public static bool IsMp3(ReadOnlySpan<byte> data) => Id3v2Tag.Length(data) > 0 || Mp3FrameHeader.FindFirstFrame(data, searchLimit: 0) == 0;

    /// <summary>Decodes a whole MP3 file; false with a reason when it holds no decodable audio.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out PcmAudio audio, out string error)
    {
        audio = new PcmAudio([], 8000);
        var start = Mp3FrameHeader.FindFirstFrame(data);
        if (start < 0 || !Mp3FrameHeader.TryParse(data[start..], out var first))
        {
            error = "no MPEG layer III frames";
            return false;
        }

        try
        {
            var samples = Decode(data[start..].ToArray(), out var sampleRate);
            if (samples.Length == 0 || sampleRate != first.SampleRate)
            {
                error = samples.Length == 0 ? "no audio decoded from the MP3 frames" : "MP3 sample rate changes between frames";
                return false;
            }

            audio = new PcmAudio(samples, sampleRate);
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // NLayer reports corrupt frames with whatever exception its decoder hits (index, argument, invalid data).
            error = $"corrupt MP3: {e.Message}";
            return false;
        }
    }

    private static short[] Decode(byte[] frames, out int sampleRate)
    {
        using var stream = new MemoryStream(frames, writable: false);
        using var mpeg = new MpegFile(stream);
        sampleRate = mpeg.SampleRate;
        var channels = Math.Max(1, mpeg.Channels);
        var buffer = new float[ReadFrames * channels];
        var output = new List<short>(frames.Length * 4);
        int read;
        while ((read = mpeg.ReadSamples(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i + channels <= read; i += channels)
            {
                var sum = 0f;
                for (var c = 0; c < channels; c++)
                {
                    sum += buffer[i + c];
                }

                output.Add(WavSampleDecoders.FromFloat(sum / channels));
            }
        }

        return [.. output];
    }
}

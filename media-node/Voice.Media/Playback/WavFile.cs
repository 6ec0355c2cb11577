using System.Buffers.Binary;
using Voice.Media.Codecs;

namespace Voice.Media.Playback;

/// <summary>
/// RIFF/WAVE parser. Accepts PCM 8/16-bit, μ-law and A-law (also inside WAVE_FORMAT_EXTENSIBLE), mono or
/// stereo (averaged to mono), any sample rate (returned as is; see <see cref="PcmAudio.ResampledTo"/>).
/// Streaming writers such as espeak-ng put placeholder sizes (0 or 0xFFFFFFFF) in the header: a data chunk
/// size that is zero, placeholder or beyond the end means "to the end of the data". Malformed input is
/// reported through the return value, never thrown.
/// </summary>
public static class WavFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatAlaw = 6;
    private const ushort FormatMulaw = 7;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Parses a whole WAV file; false with a reason when it is not one this reader understands.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out PcmAudio audio, out string error)
    {
        audio = new PcmAudio([], 8000);
        if (data.Length < 12 || !data[..4].SequenceEqual("RIFF"u8) || !data[8..12].SequenceEqual("WAVE"u8))
        {
            error = "not a RIFF/WAVE file";
            return false;
        }

        ushort format = 0, channels = 0, bits = 0;
        var sampleRate = 0;
        var haveFormat = false;
        var offset = 12;
        while (offset + 8 <= data.Length)
        {
            var id = data.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(offset + 4)..]);
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > data.Length)
                {
                    error = "fmt chunk too short";
                    return false;
                }

                var fmt = data.Slice(body, (int)Math.Min(size, (uint)(data.Length - body)));
                format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                if (format == FormatExtensible && fmt.Length >= 26)
                {
                    // The real format is the first two bytes of the SubFormat GUID.
                    format = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
                }

                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    error = "data chunk before fmt chunk";
                    return false;
                }

                var available = data.Length - body;
                var length = size == 0 || size > available ? available : (int)size;
                return TryDecode(data.Slice(body, length), format, channels, bits, sampleRate, out audio, out error);
            }

            if (size > (uint)(data.Length - body))
            {
                break;
            }

            // Chunks are padded to an even size.
            offset = body + (int)size + (int)(size & 1);
        }

        error = haveFormat ? "no data chunk" : "no fmt chunk";
        return false;
    }

    /// <summary>Builds a WAV header for 16-bit PCM; sizes for <paramref name="dataBytes"/> of samples.</summary>
    public static void WriteHeader(Span<byte> destination, int sampleRate, int channels, long dataBytes)
    {
        var data = (uint)Math.Min(dataBytes, uint.MaxValue - 36);
        "RIFF"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], data + 36);
        "WAVE"u8.CopyTo(destination[8..]);
        "fmt "u8.CopyTo(destination[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(destination[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], 16);
        "data"u8.CopyTo(destination[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], data);
    }

    /// <summary>Size of the header written by <see cref="WriteHeader"/>.</summary>
    public const int HeaderSize = 44;

    private static bool TryDecode(ReadOnlySpan<byte> data, ushort format, ushort channels, ushort bits, int sampleRate, out PcmAudio audio, out string error)
    {
        audio = new PcmAudio([], 8000);
        if (channels is < 1 or > 2 || sampleRate is < 1000 or > 192000)
        {
            error = $"unsupported layout: {channels} channels at {sampleRate} Hz";
            return false;
        }

        var bytesPerSample = format switch
        {
            FormatPcm when bits == 16 => 2,
            FormatPcm when bits == 8 => 1,
            FormatMulaw or FormatAlaw when bits == 8 => 1,
            _ => 0,
        };
        if (bytesPerSample == 0)
        {
            error = $"unsupported encoding: format {format}, {bits} bits";
            return false;
        }

        var frames = data.Length / (bytesPerSample * channels);
        var samples = new short[frames];
        for (var f = 0; f < frames; f++)
        {
            var sum = 0;
            for (var c = 0; c < channels; c++)
            {
                var at = ((f * channels) + c) * bytesPerSample;
                sum += format switch
                {
                    FormatMulaw => G711.MulawDecode(data[at]),
                    FormatAlaw => G711.AlawDecode(data[at]),
                    _ when bytesPerSample == 2 => BinaryPrimitives.ReadInt16LittleEndian(data[at..]),
                    _ => (data[at] - 128) << 8,
                };
            }

            samples[f] = (short)(sum / channels);
        }

        audio = new PcmAudio(samples, sampleRate);
        error = string.Empty;
        return true;
    }
}

using System.Buffers.Binary;

namespace Voice.Media.Playback;

/// <summary>
/// RIFF/WAVE parser. Accepts PCM 8-bit unsigned and 16/24/32-bit signed, IEEE float 32/64-bit, μ-law and A-law
/// (format tags 7/6), each also inside WAVE_FORMAT_EXTENSIBLE; 1 to 8 channels (averaged to mono); 4 to 192 kHz
/// (returned as is; see <see cref="PcmAudio.ResampledTo"/>). Streaming writers put placeholder sizes in the header
/// (0, 0xFFFFFFFF, espeak-ng's 0x7FFFF000): such a data chunk size means "to the end of the data". Any other data
/// size beyond the end is a truncated file and is refused, so a cut download is reported, not half played.
/// Malformed input is reported through the return value, never thrown.
/// </summary>
public static class WavFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;
    private const int MaximumChannels = 8;
    private const int MinimumRate = 4000;
    private const int MaximumRate = 192000;

    // Sizes at or above this are the "unknown length" placeholders of streaming writers, not real lengths.
    private const uint PlaceholderSizes = 0x7FFF0000;

    /// <summary>Parses a whole WAV file; false with a reason when it is not one this reader understands.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out PcmAudio audio, out string error)
    {
        audio = new PcmAudio([], 8000);
        if (data.Length < 12 || !data[..4].SequenceEqual("RIFF"u8) || !data[8..12].SequenceEqual("WAVE"u8))
        {
            error = "not a RIFF/WAVE file";
            return false;
        }

        var layout = default(WavLayout);
        var haveFormat = false;
        var offset = 12;
        while (offset + 8 <= data.Length)
        {
            var id = data.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(offset + 4)..]);
            var body = offset + 8;
            var available = data.Length - body;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > (uint)available)
                {
                    error = size < 16 ? "fmt chunk too short" : "fmt chunk runs past the end of the file";
                    return false;
                }

                layout = WavLayout.Read(data.Slice(body, (int)size));
                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    error = "data chunk before fmt chunk";
                    return false;
                }

                var placeholder = size == 0 || size >= PlaceholderSizes;
                if (!placeholder && size > (uint)available)
                {
                    error = $"truncated: the data chunk declares {size} bytes, the file holds {available}";
                    return false;
                }

                var length = placeholder ? available : (int)size;
                return TryDecode(data.Slice(body, length), layout, out audio, out error);
            }

            if (size > (uint)available)
            {
                error = $"chunk '{Printable(id)}' runs past the end of the file";
                return false;
            }

            // Chunks are padded to an even size.
            offset = body + (int)size + (int)(size & 1);
        }

        error = haveFormat ? "no data chunk" : "no fmt chunk";
        return false;
    }

    /// <summary>A whole mono 16-bit PCM WAV file of <paramref name="samples"/>.</summary>
    public static byte[] Pcm16(ReadOnlySpan<short> samples, int sampleRate)
    {
        var bytes = new byte[HeaderSize + (samples.Length * 2)];
        WriteHeader(bytes, sampleRate, 1, samples.Length * 2L);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(HeaderSize + (2 * i)), samples[i]);
        }

        return bytes;
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

    private static bool TryDecode(ReadOnlySpan<byte> data, WavLayout layout, out PcmAudio audio, out string error)
    {
        audio = new PcmAudio([], 8000);
        if (layout.Channels is < 1 or > MaximumChannels || layout.SampleRate is < MinimumRate or > MaximumRate)
        {
            error = $"unsupported layout: {layout.Channels} channels at {layout.SampleRate} Hz";
            return false;
        }

        var sample = WavSampleDecoders.For(layout.Format, layout.Bits);
        if (sample is null)
        {
            error = $"unsupported encoding: format {layout.Format}, {layout.Bits} bits";
            return false;
        }

        var bytesPerSample = layout.Bits / 8;
        var channels = layout.Channels;
        var frames = data.Length / (bytesPerSample * channels);
        var samples = new short[frames];
        for (var f = 0; f < frames; f++)
        {
            var sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += sample(data.Slice(((f * channels) + c) * bytesPerSample, bytesPerSample));
            }

            samples[f] = (short)(sum / channels);
        }

        audio = new PcmAudio(samples, layout.SampleRate);
        error = string.Empty;
        return true;
    }

    private static string Printable(ReadOnlySpan<byte> id)
    {
        Span<char> chars = stackalloc char[id.Length];
        for (var i = 0; i < id.Length; i++)
        {
            chars[i] = id[i] is >= 0x20 and < 0x7F ? (char)id[i] : '?';
        }

        return new string(chars);
    }

    /// <summary>The fields of a fmt chunk this reader uses; the real format of WAVE_FORMAT_EXTENSIBLE resolved.</summary>
    private readonly record struct WavLayout(ushort Format, ushort Channels, int SampleRate, ushort Bits)
    {
        public static WavLayout Read(ReadOnlySpan<byte> fmt)
        {
            var format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
            if (format == FormatExtensible && fmt.Length >= 26)
            {
                // The real format is the first two bytes of the SubFormat GUID.
                format = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
            }

            return new WavLayout(
                format,
                BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]),
                BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]),
                BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]));
        }
    }
}

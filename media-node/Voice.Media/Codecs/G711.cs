namespace Voice.Media.Codecs;

/// <summary>
/// ITU-T G.711 μ-law and A-law companding, table-driven: 256-entry decode tables and 16384/8192-entry encode
/// tables indexed by the 14-bit (μ-law) or 13-bit (A-law) linear value, built once from the reference segment
/// algorithm. Linear samples are 16-bit; the low bits below the law's resolution are truncated as in G.191.
/// </summary>
public static class G711
{
    private const int MulawBias = 0x84;
    private static readonly short[] MulawDecodeTable = BuildMulawDecode();
    private static readonly short[] AlawDecodeTable = BuildAlawDecode();
    private static readonly byte[] MulawEncodeTable = BuildMulawEncode();
    private static readonly byte[] AlawEncodeTable = BuildAlawEncode();

    /// <summary>Encodes one linear sample to μ-law.</summary>
    public static byte MulawEncode(short sample) => MulawEncodeTable[(ushort)sample >> 2];

    /// <summary>Decodes one μ-law byte.</summary>
    public static short MulawDecode(byte code) => MulawDecodeTable[code];

    /// <summary>Encodes one linear sample to A-law.</summary>
    public static byte AlawEncode(short sample) => AlawEncodeTable[(ushort)sample >> 3];

    /// <summary>Decodes one A-law byte.</summary>
    public static short AlawDecode(byte code) => AlawDecodeTable[code];

    /// <summary>Encodes samples to μ-law; <paramref name="destination"/> must be at least as long as the source.</summary>
    public static void MulawEncode(ReadOnlySpan<short> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = MulawEncodeTable[(ushort)source[i] >> 2];
        }
    }

    /// <summary>Decodes μ-law bytes; <paramref name="destination"/> must be at least as long as the source.</summary>
    public static void MulawDecode(ReadOnlySpan<byte> source, Span<short> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = MulawDecodeTable[source[i]];
        }
    }

    /// <summary>Encodes samples to A-law.</summary>
    public static void AlawEncode(ReadOnlySpan<short> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = AlawEncodeTable[(ushort)source[i] >> 3];
        }
    }

    /// <summary>Decodes A-law bytes.</summary>
    public static void AlawDecode(ReadOnlySpan<byte> source, Span<short> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = AlawDecodeTable[source[i]];
        }
    }

    private static short[] BuildMulawDecode()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var u = ~i & 0xFF;
            var t = ((u & 0x0F) << 3) + MulawBias;
            t <<= (u & 0x70) >> 4;
            table[i] = (short)((u & 0x80) != 0 ? MulawBias - t : t - MulawBias);
        }

        return table;
    }

    private static short[] BuildAlawDecode()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var a = i ^ 0x55;
            var t = (a & 0x0F) << 4;
            var segment = (a & 0x70) >> 4;
            t = segment switch
            {
                0 => t + 8,
                1 => t + 0x108,
                _ => (t + 0x108) << (segment - 1),
            };
            table[i] = (short)((a & 0x80) != 0 ? t : -t);
        }

        return table;
    }

    private static byte[] BuildMulawEncode()
    {
        // Index: the sample's top 14 bits as unsigned (two's complement), i.e. (ushort)sample >> 2.
        var table = new byte[1 << 14];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = MulawEncodeReference((short)(i << 2));
        }

        return table;
    }

    private static byte[] BuildAlawEncode()
    {
        var table = new byte[1 << 13];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = AlawEncodeReference((short)(i << 3));
        }

        return table;
    }

    private static byte MulawEncodeReference(short sample)
    {
        // G.191 style: 14-bit magnitude, bias 33 (in 14-bit units), segment = position of the leading one.
        var pcm = sample >> 2;
        int mask;
        if (pcm < 0)
        {
            pcm = -pcm;
            mask = 0x7F;
        }
        else
        {
            mask = 0xFF;
        }

        pcm = Math.Min(pcm, 8159) + 33;
        var segment = BitLength(pcm >> 6);
        var code = segment >= 8 ? 0x7F : (segment << 4) | ((pcm >> (segment + 1)) & 0x0F);
        return (byte)(code ^ mask);
    }

    private static byte AlawEncodeReference(short sample)
    {
        var pcm = sample >> 3;
        int mask;
        if (pcm >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            pcm = -pcm - 1;
        }

        var segment = BitLength(pcm >> 5);
        int code;
        if (segment >= 8)
        {
            code = 0x7F;
        }
        else
        {
            code = segment << 4;
            code |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        }

        return (byte)(code ^ mask);
    }

    // Segment number = bit length of the value above the first segment's range.
    private static int BitLength(int value) => 32 - int.LeadingZeroCount(value);
}

namespace Voice.Media.Codecs;

/// <summary>The audio codecs the media engine speaks. All run at 8 kHz with one byte per sample.</summary>
public enum AudioCodec
{
    /// <summary>G.711 μ-law, static payload type 0.</summary>
    Pcmu,

    /// <summary>G.711 A-law, static payload type 8.</summary>
    Pcma,
}

/// <summary>Encoding and decoding for an <see cref="AudioCodec"/>.</summary>
public static class AudioCodecs
{
    /// <summary>The codec's sample rate.</summary>
    public const int SampleRate = 8000;

    /// <summary>Static RTP payload type of the codec (RFC 3551).</summary>
    public static byte StaticPayloadType(this AudioCodec codec) => codec == AudioCodec.Pcmu ? (byte)0 : (byte)8;

    /// <summary>Encodes linear samples; writes <c>source.Length</c> bytes.</summary>
    public static void Encode(this AudioCodec codec, ReadOnlySpan<short> source, Span<byte> destination)
    {
        if (codec == AudioCodec.Pcmu)
        {
            G711.MulawEncode(source, destination);
        }
        else
        {
            G711.AlawEncode(source, destination);
        }
    }

    /// <summary>Decodes bytes; writes <c>source.Length</c> samples.</summary>
    public static void Decode(this AudioCodec codec, ReadOnlySpan<byte> source, Span<short> destination)
    {
        if (codec == AudioCodec.Pcmu)
        {
            G711.MulawDecode(source, destination);
        }
        else
        {
            G711.AlawDecode(source, destination);
        }
    }
}

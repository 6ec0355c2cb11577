using System.Buffers.Binary;
using Voice.Media.Codecs;

namespace Voice.Media.Playback;

/// <summary>Decodes one WAV sample (its bytes, little-endian) to 16-bit linear.</summary>
internal delegate short WavSampleDecoder(ReadOnlySpan<byte> sample);

/// <summary>The sample decoders of the encodings <see cref="WavFile"/> accepts.</summary>
internal static class WavSampleDecoders
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatAlaw = 6;
    private const ushort FormatMulaw = 7;

    /// <summary>The decoder for a format tag and bit depth; null when it is not supported.</summary>
    public static WavSampleDecoder? For(ushort format, ushort bits) => (format, bits) switch
    {
        (FormatPcm, 8) => static s => (short)((s[0] - 128) << 8),
        (FormatPcm, 16) => static s => BinaryPrimitives.ReadInt16LittleEndian(s),

        // Wider PCM keeps its top 16 bits (left-justified, as the format requires).
        (FormatPcm, 24) => static s => (short)(s[1] | (s[2] << 8)),
        (FormatPcm, 32) => static s => (short)(BinaryPrimitives.ReadInt32LittleEndian(s) >> 16),
        (FormatFloat, 32) => static s => FromFloat(BinaryPrimitives.ReadSingleLittleEndian(s)),
        (FormatFloat, 64) => static s => FromFloat(BinaryPrimitives.ReadDoubleLittleEndian(s)),
        (FormatMulaw, 8) => static s => G711.MulawDecode(s[0]),
        (FormatAlaw, 8) => static s => G711.AlawDecode(s[0]),
        _ => null,
    };

    /// <summary>Float full scale is ±1; out-of-range and NaN samples are clipped (NaN to silence).</summary>
    public static short FromFloat(double value) =>
        double.IsNaN(value) ? (short)0 : (short)Math.Clamp(Math.Round(value * 32767), short.MinValue, short.MaxValue);
}

using System.Buffers.Binary;
using Voice.Media.Codecs;

namespace Voice.Media.Streaming;

/// <summary>
/// Turns the node's 20 ms frames (160 samples, 8 kHz) into a stream's format: G.711, or L16 little-endian at 8 or
/// 16 kHz (upsampled by zero-stuffing through a <see cref="HalfBandFilter"/>, which keeps state: one encoder per
/// track of one stream).
/// </summary>
public sealed class StreamAudioEncoder
{
    private readonly HalfBandFilter? _upsampler;

    /// <summary>An encoder for <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The format is not supported (G.711 at 16 kHz, or another rate).</exception>
    public StreamAudioEncoder(StreamAudioFormat format)
    {
        if (!format.IsSupported)
        {
            throw new ArgumentException($"{format.EncodingName} at {format.SampleRate} Hz is not supported", nameof(format));
        }

        Format = format;
        _upsampler = format.SampleRate == 16000 ? new HalfBandFilter() : null;
    }

    /// <summary>The stream's format.</summary>
    public StreamAudioFormat Format { get; }

    /// <summary>Encodes one 8 kHz frame into <paramref name="destination"/> (at least <see cref="StreamAudioFormat.BytesPerFrame"/> for that frame) and returns the bytes written.</summary>
    public int Encode(ReadOnlySpan<short> frame, Span<byte> destination)
    {
        switch (Format.Encoding)
        {
            case StreamEncoding.Pcmu:
                G711.MulawEncode(frame, destination[..frame.Length]);
                return frame.Length;
            case StreamEncoding.Pcma:
                G711.AlawEncode(frame, destination[..frame.Length]);
                return frame.Length;
        }

        if (_upsampler is null)
        {
            for (var i = 0; i < frame.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(destination[(i * 2)..], frame[i]);
            }

            return frame.Length * 2;
        }

        for (var i = 0; i < frame.Length; i++)
        {
            // Zero-stuffing halves the level; the ×2 gain restores it.
            BinaryPrimitives.WriteInt16LittleEndian(destination[(i * 4)..], Saturate(2 * _upsampler.Next(frame[i])));
            BinaryPrimitives.WriteInt16LittleEndian(destination[((i * 4) + 2)..], Saturate(2 * _upsampler.Next(0)));
        }

        return frame.Length * 4;
    }

    internal static short Saturate(float value) => (short)Math.Clamp(MathF.Round(value), short.MinValue, short.MaxValue);
}

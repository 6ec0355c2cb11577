using System.Buffers.Binary;
using Voice.Media.Codecs;

namespace Voice.Media.Streaming;

/// <summary>
/// Turns the node's 20 ms frames (160 samples, 8 kHz) into a stream's format: G.711, or L16 little-endian at 8 or
/// 16 kHz (through a <see cref="FrameUpsampler"/>, which keeps state: one encoder per track of one stream).
/// </summary>
public sealed class StreamAudioEncoder
{
    private readonly FrameUpsampler? _upsampler;

    /// <summary>An encoder for <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The format is not supported (G.711 at 16 kHz, or another rate).</exception>
    public StreamAudioEncoder(StreamAudioFormat format)
    {
        if (!format.IsSupported)
        {
            throw new ArgumentException($"{format.EncodingName} at {format.SampleRate} Hz is not supported", nameof(format));
        }

        Format = format;
        _upsampler = format.SampleRate == 16000 ? new FrameUpsampler() : null;
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

        Span<short> wide = stackalloc short[frame.Length * 2];
        _upsampler.Upsample(frame, wide);
        for (var i = 0; i < wide.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(destination[(i * 2)..], wide[i]);
        }

        return frame.Length * 4;
    }
}

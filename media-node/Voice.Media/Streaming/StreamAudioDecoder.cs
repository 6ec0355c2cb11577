using System.Buffers.Binary;
using Voice.Media.Codecs;

namespace Voice.Media.Streaming;

/// <summary>
/// Turns audio a stream peer sends back into the node's 8 kHz samples: G.711, or L16 little-endian at 8 kHz, or at
/// 16 kHz low-passed and decimated (state kept across messages; one decoder per stream). Any length is accepted;
/// an odd trailing byte of L16 (or an odd sample at 16 kHz) is carried into the next message, so a peer that splits
/// audio at odd places loses nothing.
/// </summary>
public sealed class StreamAudioDecoder
{
    private readonly HalfBandFilter? _downsampler;
    private byte? _pendingByte;
    private bool _odd;

    /// <summary>A decoder for <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The format is not supported.</exception>
    public StreamAudioDecoder(StreamAudioFormat format)
    {
        if (!format.IsSupported)
        {
            throw new ArgumentException($"{format.EncodingName} at {format.SampleRate} Hz is not supported", nameof(format));
        }

        Format = format;
        _downsampler = format.SampleRate == 16000 ? new HalfBandFilter() : null;
    }

    /// <summary>The stream's format.</summary>
    public StreamAudioFormat Format { get; }

    /// <summary>The most 8 kHz samples <see cref="Decode"/> writes for <paramref name="bytes"/> bytes of input.</summary>
    public static int MaxSamples(int bytes) => bytes + 1;

    /// <summary>Decodes <paramref name="payload"/> into <paramref name="destination"/> (at least <see cref="MaxSamples"/>) and returns the samples written.</summary>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> destination)
    {
        switch (Format.Encoding)
        {
            case StreamEncoding.Pcmu:
                G711.MulawDecode(payload, destination[..payload.Length]);
                return payload.Length;
            case StreamEncoding.Pcma:
                G711.AlawDecode(payload, destination[..payload.Length]);
                return payload.Length;
        }

        var written = 0;
        Span<byte> pair = stackalloc byte[2];
        var offset = 0;
        if (_pendingByte is { } first && payload.Length > 0)
        {
            pair[0] = first;
            pair[1] = payload[0];
            _pendingByte = null;
            offset = 1;
            written += Take(BinaryPrimitives.ReadInt16LittleEndian(pair), destination[written..]);
        }

        for (; offset + 1 < payload.Length; offset += 2)
        {
            written += Take(BinaryPrimitives.ReadInt16LittleEndian(payload[offset..]), destination[written..]);
        }

        if (offset < payload.Length)
        {
            _pendingByte = payload[offset];
        }

        return written;
    }

    private int Take(short sample, Span<short> destination)
    {
        if (_downsampler is null)
        {
            destination[0] = sample;
            return 1;
        }

        var filtered = _downsampler.Next(sample);
        var keep = !_odd;
        _odd = !_odd;
        if (!keep)
        {
            return 0;
        }

        destination[0] = FrameUpsampler.Saturate(filtered);
        return 1;
    }
}

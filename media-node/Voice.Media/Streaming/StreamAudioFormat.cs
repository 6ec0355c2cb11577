namespace Voice.Media.Streaming;

/// <summary>How audio is carried on a stream.</summary>
public enum StreamEncoding
{
    /// <summary>G.711 μ-law, one byte a sample (8 kHz only).</summary>
    Pcmu,

    /// <summary>G.711 A-law, one byte a sample (8 kHz only).</summary>
    Pcma,

    /// <summary>Linear 16-bit PCM. Little-endian on our streams: Vonage and Telnyx send the samples as the CPU has them, not network order.</summary>
    L16,
}

/// <summary>An encoding and a sample rate; the node's own audio is always 8 kHz 16-bit.</summary>
/// <param name="Encoding">The encoding.</param>
/// <param name="SampleRate">8000 or 16000 Hz (G.711 only 8000).</param>
public readonly record struct StreamAudioFormat(StreamEncoding Encoding, int SampleRate)
{
    /// <summary>μ-law at 8 kHz, the telephone default.</summary>
    public static StreamAudioFormat Pcmu8k => new(StreamEncoding.Pcmu, 8000);

    /// <summary>Samples in one 20 ms frame at this rate.</summary>
    public int SamplesPerFrame => SampleRate / 50;

    /// <summary>Bytes in one 20 ms frame.</summary>
    public int BytesPerFrame => Encoding == StreamEncoding.L16 ? SamplesPerFrame * 2 : SamplesPerFrame;

    /// <summary>True when the combination is one we can convert to and from.</summary>
    public bool IsSupported => SampleRate == 8000 || (SampleRate == 16000 && Encoding == StreamEncoding.L16);

    /// <summary>The name used on the wire by Telnyx (<c>PCMU</c>, <c>PCMA</c>, <c>L16</c>).</summary>
    public string EncodingName => Encoding switch
    {
        StreamEncoding.Pcmu => "PCMU",
        StreamEncoding.Pcma => "PCMA",
        _ => "L16",
    };

    /// <summary>Parses a Telnyx/Telefon codec name (case-insensitive); false for anything we do not convert.</summary>
    public static bool TryParseEncoding(string? name, out StreamEncoding encoding)
    {
        switch (name?.ToUpperInvariant())
        {
            case "PCMU":
                encoding = StreamEncoding.Pcmu;
                return true;
            case "PCMA":
                encoding = StreamEncoding.Pcma;
                return true;
            case "L16":
                encoding = StreamEncoding.L16;
                return true;
            default:
                encoding = default;
                return false;
        }
    }
}

using Voice.Media.Codecs;
using Voice.Media.Jitter;

namespace Voice.Media.Sessions;

/// <summary>What the host negotiated in SDP for one call leg, plus engine tuning.</summary>
public sealed record MediaSessionOptions
{
    /// <summary>The audio codec (PCMU or PCMA).</summary>
    public AudioCodec Codec { get; init; } = AudioCodec.Pcmu;

    /// <summary>RTP payload type of the audio codec; null uses the codec's static type (0 or 8).</summary>
    public byte? PayloadType { get; init; }

    /// <summary>Negotiated telephone-event payload type (RFC 4733); null when the peer did not offer it.</summary>
    public byte? TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>Clock rate of the negotiated telephone-event format (8000 for G.711 calls).</summary>
    public int TelephoneEventClockRate { get; init; } = 8000;

    /// <summary>
    /// Detect in-band DTMF tones. Null (default): only when no telephone-event type was negotiated, so a peer that
    /// sends both is not heard twice.
    /// </summary>
    public bool? InBandDtmf { get; init; }

    /// <summary>RTCP CNAME of this endpoint.</summary>
    public string CanonicalName { get; init; } = "voice-media@" + Environment.MachineName;

    /// <summary>Interval between RTCP sender reports.</summary>
    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Jitter buffer tuning.</summary>
    public JitterBufferOptions JitterBuffer { get; init; } = new();

    /// <summary>The audio payload type actually used.</summary>
    public byte AudioPayloadType => PayloadType ?? Codec.StaticPayloadType();
}

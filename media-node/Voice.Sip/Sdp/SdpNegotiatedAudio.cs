namespace Voice.Sip.Sdp;

/// <summary>
/// The agreed audio stream: codec, RFC 4733 payload type (null when the peer has none at the codec's clock rate),
/// packet time, where to send RTP, and the direction from our side.
/// </summary>
public sealed record SdpNegotiatedAudio(SdpRtpMap Codec, int? TelephoneEventPayloadType, int Ptime, string RemoteAddress, int RemotePort, SdpDirection Direction);

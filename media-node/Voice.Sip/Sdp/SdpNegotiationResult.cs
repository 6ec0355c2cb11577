namespace Voice.Sip.Sdp;

/// <summary>
/// Result of an offer/answer step. When <see cref="Audio"/> is null no audio stream could be agreed (a UAS answers
/// 488). <see cref="Answer"/> is the SDP answer to send (set when answering an offer, even if every stream was rejected).
/// </summary>
public sealed record SdpNegotiationResult(SdpNegotiatedAudio? Audio, SdpSession? Answer, string? Error)
{
    /// <summary>True when an audio stream was agreed.</summary>
    public bool IsAccepted => Audio is not null;
}

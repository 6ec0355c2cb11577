using Voice.Sip.Sdp;

namespace Voice.Sip.UserAgent;

/// <summary>Something that happened to a call; read them from <see cref="SipCall.Events"/>.</summary>
public abstract record SipCallEvent;

/// <summary>A provisional response (180, 183...), with its SDP when it carried early media.</summary>
public sealed record SipCallProgressed(int StatusCode, SdpNegotiatedAudio? EarlyAudio) : SipCallEvent;

/// <summary>The call was answered; <see cref="Audio"/> is the agreed stream.</summary>
public sealed record SipCallAnswered(SdpNegotiatedAudio? Audio) : SipCallEvent;

/// <summary>The media changed mid-call (hold/unhold by either side).</summary>
public sealed record SipCallMediaChanged(SdpNegotiatedAudio Audio) : SipCallEvent;

/// <summary>The call is over; <see cref="StatusCode"/> is the final SIP status when it failed before answer.</summary>
public sealed record SipCallEnded(SipCallEndReason Reason, int StatusCode) : SipCallEvent;

/// <summary>The peer sent an INFO (answered 200); <see cref="ContentType"/> is null when it had no body.</summary>
public sealed record SipCallInfoReceived(string? ContentType, ReadOnlyMemory<byte> Body) : SipCallEvent;

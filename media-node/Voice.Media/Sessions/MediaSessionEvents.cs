using Voice.Media.Dtmf;
using Voice.Media.Playback;
using Voice.Media.Rtp;

namespace Voice.Media.Sessions;

/// <summary>Something a <see cref="MediaSession"/> reports to its host through <see cref="MediaSession.Events"/>.</summary>
public abstract record MediaSessionEvent;

/// <summary>A DTMF digit was received (RFC 4733 or in-band).</summary>
/// <param name="Digit">The digit.</param>
public sealed record DtmfReceived(DtmfDigitDetected Digit) : MediaSessionEvent;

/// <summary>A source given to <see cref="MediaSession.Play"/> finished or was stopped (barge-in, stop, replaced).</summary>
/// <param name="Source">The source.</param>
/// <param name="Stopped">True when stopped before the end.</param>
public sealed record PlaybackFinished(IAudioSource Source, bool Stopped) : MediaSessionEvent;

/// <summary>The peer sent an RTCP BYE.</summary>
/// <param name="Bye">The BYE packet.</param>
public sealed record RemoteByeReceived(RtcpBye Bye) : MediaSessionEvent;

/// <summary>
/// Counters of a session; every dropped packet is counted under its reason. <c>RtpForwarded</c>: packets of the other
/// leg of a forwarded bridge sent on this leg's stream (also in <c>RtpSent</c>); <c>RtpForwardStale</c>: those
/// dropped because they were older than the start of forwarding (their numbers were already sent).
/// </summary>
public readonly record struct MediaSessionCounters(
    long RtpReceived,
    long RtpMalformed,
    long RtpUnknownPayloadType,
    long RtpOversized,
    long TelephoneEventsReceived,
    long RtcpReceived,
    long RtcpMalformed,
    long RtpSent,
    long RtpSendFailures,
    long TelephoneEventsSent,
    long RtcpSent,
    long PacketsLost,
    uint JitterTimestampUnits,
    long RtpForwarded = 0,
    long RtpForwardStale = 0);

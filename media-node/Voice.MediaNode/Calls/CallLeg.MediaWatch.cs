using Voice.Media.Sessions;
using Voice.Sip.Sdp;

namespace Voice.MediaNode.Calls;

/// <summary>The media inactivity watch of an answered call: a far end silent for the timeout is hung up (media_timeout).</summary>
public sealed partial class CallLeg
{
    private volatile bool held;

    // Hold as SDP says it (RFC 3264 §8.4): anything but sendrecv from our side means one of us holds the other, and a
    // holder often sends nothing at all.
    private void OnMediaDirection(SdpNegotiatedAudio audio) => held = audio.Direction != SdpDirection.SendRecv;

    private async Task WatchMediaAsync(MediaSession session)
    {
        var watch = new MediaInactivityWatch(TimeSpan.FromSeconds(services.Options.Media.InactivityTimeoutSeconds));
        if (!watch.IsEnabled)
        {
            return;
        }

        // Sampling stops within one period of the call's end (its media is disposed then, and its counters frozen).
        using var timer = new PeriodicTimer(watch.SamplePeriod, services.Time);
        while (await timer.WaitForNextTickAsync() && Volatile.Read(ref finished) == 0 && ReferenceEquals(media, session))
        {
            var counters = session.Counters;
            if (watch.Expired(services.Time.GetUtcNow(), counters.RtpReceived + counters.RtcpReceived, held))
            {
                services.Logger.LogInformation("Call {CallId}: no RTP or RTCP for {Seconds} s, hanging up", CallId, services.Options.Media.InactivityTimeoutSeconds);
                await HangupAsync(HangupCauses.MediaTimeout);
                return;
            }
        }
    }
}

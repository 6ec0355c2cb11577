using System.Globalization;
using Voice.Sip.Messages;

namespace Voice.Sip.UserAgent;

/// <summary>
/// The UAS half of RFC 4028 §9 for an INVITE or re-INVITE: refuse a malformed or too short interval, else agree on
/// the caller's interval and refresher. Pure: the call applies the outcome (the response, then the timer).
/// </summary>
public static class SipSessionTimerNegotiation
{
    /// <summary>
    /// The error response for <paramref name="request"/>'s session timer headers (400 for malformed Session-Expires or
    /// Min-SE, 422 with our Min-SE when the interval is below it), or null when it is acceptable; then
    /// <paramref name="timer"/> is the agreed timer, or null when the request asks for none (we impose none then).
    /// When the caller does not support timers we must refresh (§9); when it does and left it open, it refreshes.
    /// </summary>
    public static SipResponse? Answer(SipRequest request, SipSessionTimerSettings settings, out SipSessionTimer? timer)
    {
        timer = null;
        if (request.Headers.Get(SipMinSe.HeaderName) is { } minSeText && !SipMinSe.TryParse(minSeText, out _))
        {
            return SipResponseFactory.Create(request, 400, "Bad Min-SE");
        }

        if (request.Headers.Get(SipSessionExpires.HeaderName) is not { } text)
        {
            return null;
        }

        if (!SipSessionExpires.TryParse(text, out var asked))
        {
            return SipResponseFactory.Create(request, 400, "Bad Session-Expires");
        }

        if (asked.Seconds < settings.MinimumSeconds)
        {
            var tooSmall = SipResponseFactory.Create(request, 422);
            tooSmall.Headers.Add(SipMinSe.HeaderName, settings.MinimumSeconds.ToString(CultureInfo.InvariantCulture));
            return tooSmall;
        }

        var refresher = SupportsTimer(request) ? asked.Refresher ?? SipRefresher.Uac : SipRefresher.Uas;
        timer = new SipSessionTimer(asked.Seconds, refresher, LocalIsUas: true);
        return null;
    }

    /// <summary>Adds Supported: timer and, for an agreed timer, its Session-Expires (and Require: timer when the caller refreshes, §9).</summary>
    public static void AddToResponse(SipResponse response, SipSessionTimer? timer)
    {
        response.Headers.Add(SipHeaderNames.Supported, SipSessionExpires.OptionTag);
        if (timer is null)
        {
            return;
        }

        response.Headers.Add(SipSessionExpires.HeaderName, timer.Header.ToString());
        if (timer.Refresher == SipRefresher.Uac)
        {
            response.Headers.Add(SipHeaderNames.Require, SipSessionExpires.OptionTag);
        }
    }

    /// <summary>
    /// The timer a 2xx to our INVITE or refresh sets (RFC 4028 §7.2): its Session-Expires, or none when it has none (the
    /// far end does not do timers). A malformed one counts as none. A missing refresher means we refresh.
    /// </summary>
    public static SipSessionTimer? FromAnswer(SipResponse response) =>
        response.Headers.Get(SipSessionExpires.HeaderName) is { } text && SipSessionExpires.TryParse(text, out var agreed)
            ? new SipSessionTimer(agreed.Seconds, agreed.Refresher ?? SipRefresher.Uac, LocalIsUas: false)
            : null;

    /// <summary>Adds our session timer offer to an INVITE (Supported: timer, Session-Expires, Min-SE).</summary>
    public static void AddToRequest(SipRequest request, int seconds, SipRefresher? refresher, int minimumSeconds)
    {
        request.Headers.Set(SipHeaderNames.Supported, SipSessionExpires.OptionTag);
        request.Headers.Set(SipSessionExpires.HeaderName, new SipSessionExpires(seconds, refresher).ToString());
        request.Headers.Set(SipMinSe.HeaderName, minimumSeconds.ToString(CultureInfo.InvariantCulture));
    }

    private static bool SupportsTimer(SipRequest request) =>
        request.Headers.GetValues(SipHeaderNames.Supported).Concat(request.Headers.GetValues(SipHeaderNames.Require))
            .Any(tag => string.Equals(tag, SipSessionExpires.OptionTag, StringComparison.OrdinalIgnoreCase));
}

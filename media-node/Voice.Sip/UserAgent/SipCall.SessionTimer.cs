using Voice.Sip.Messages;

namespace Voice.Sip.UserAgent;

/// <summary>
/// Session timers (RFC 4028) of an established call: the refresher re-INVITEs at half the interval; the other side
/// sends BYE, ending the call <see cref="SipCallEndReason.SessionExpired"/>, when no refresh came in time. Every
/// successful INVITE or re-INVITE transaction restarts the timer with what it agreed.
/// </summary>
// CA1001: see SipCall.cs; the session clock is disposed when the call ends.
#pragma warning disable CA1001
public sealed partial class SipCall
#pragma warning restore CA1001
{
    private SipSessionTimer? sessionTimer;
    private ITimer? sessionClock;
    private int sessionGeneration;

    /// <summary>The session timer in force, or null when the call has none.</summary>
    public SipSessionTimer? SessionTimer => sessionTimer;

    // Under the gate. A new generation makes a callback already on its way from an older timer do nothing.
    private void ArmSessionTimer(SipSessionTimer? timer)
    {
        sessionClock?.Dispose();
        sessionClock = null;
        sessionTimer = timer;
        var generation = ++sessionGeneration;
        if (timer is null || State == SipCallState.Terminated)
        {
            return;
        }

        var due = timer.LocalRefreshes ? timer.RefreshAfter : timer.ExpireAfter;
        sessionClock = agent.Options.Time.CreateTimer(_ => _ = OnSessionTimerAsync(generation), null, due, Timeout.InfiniteTimeSpan);
    }

    private void StopSessionTimer()
    {
        sessionClock?.Dispose();
        sessionClock = null;
        sessionGeneration++;
    }

    private async Task OnSessionTimerAsync(int generation)
    {
        PendingBye? bye = null;
        await gate.WaitAsync();
        try
        {
            if (generation != sessionGeneration || State != SipCallState.Established || sessionTimer is not { } timer)
            {
                return;
            }

            if (!timer.LocalRefreshes)
            {
                bye = PrepareBye();
                End(SipCallEndReason.SessionExpired, 0);
            }
        }
        finally
        {
            gate.Release();
        }

        if (bye is not null)
        {
            SendInBackground(bye);
            return;
        }

        await RefreshSessionAsync();
    }

    // A refresh is a re-INVITE with the SDP as it stands (RFC 4028 §7.4). 408 or 481 means the far end has lost the
    // session: BYE (§10). Any other failure leaves the session to the far end's own timer, refreshing again next time.
    private async Task RefreshSessionAsync()
    {
        var final = await SendReinviteAsync(null, refresh: true);
        if (final is null or { IsSuccess: true })
        {
            return;
        }

        PendingBye? bye = null;
        await gate.WaitAsync();
        try
        {
            if (final.StatusCode is 408 or 481 && State == SipCallState.Established)
            {
                bye = PrepareBye();
                End(SipCallEndReason.SessionExpired, final.StatusCode);
            }
            else
            {
                ArmSessionTimer(sessionTimer);
            }
        }
        finally
        {
            gate.Release();
        }

        if (bye is not null)
        {
            SendInBackground(bye);
        }
    }

    // Our INVITE or refresh offers the interval in force (or our default) with the refresher unchanged (§7.4).
    private void AddSessionTimerOffer(SipRequest request)
    {
        var settings = agent.Options.SessionTimers;
        SipRefresher? refresher = sessionTimer is { } current ? (current.LocalRefreshes ? SipRefresher.Uac : SipRefresher.Uas) : null;
        SipSessionTimerNegotiation.AddToRequest(request, sessionTimer?.Seconds ?? settings.IntervalSeconds, refresher, settings.MinimumSeconds);
    }
}

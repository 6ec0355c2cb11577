using System.Net;
using Voice.Sip.Auth;
using Voice.Sip.Dialogs;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Transactions;
using Voice.Sip.Transport;

namespace Voice.Sip.UserAgent;

/// <summary>The UAC side: INVITE, provisional handling, ACK, CANCEL, Digest retry.</summary>
public sealed partial class SipCall
{
    private (IPEndPoint EndPoint, SipTransportProtocol Protocol) inviteTarget;
    private SipClientTransaction? inviteTransaction;
    private bool provisionalSeen;
    private SipCallEndReason? cancelReason;
    private bool cancelSent;
    private SipRequest? initialAck;

    internal static SipCall CreateOutbound(SipUserAgent agent, SipOutboundCall spec, (IPEndPoint, SipTransportProtocol) target)
    {
        var callId = $"{Guid.NewGuid():N}@{agent.Transport.AdvertisedHost}";
        var negotiator = new SdpNegotiator(spec.Media);
        var invite = new SipRequest(SipMethods.Invite, spec.Target);
        invite.Headers.Add(SipHeaderNames.From, new SipAddress(spec.From.Uri, spec.From.DisplayName).WithTag(NewTag()).ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipAddress(spec.Target).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, callId);
        invite.Headers.Add(SipHeaderNames.CSeq, $"1 {SipMethods.Invite}");
        invite.Headers.Add(SipHeaderNames.MaxForwards, "70");
        invite.Headers.Add(SipHeaderNames.Contact, new SipAddress(agent.ContactFor(spec.From.Uri.User, target.Item2)).ToString());
        invite.Headers.Add(SipHeaderNames.Allow, string.Join(", ", agent.Options.Policy.AllowedMethods));
        invite.Headers.Add(SipHeaderNames.UserAgent, agent.Options.Product);
        var timers = agent.Options.SessionTimers;
        SipSessionTimerNegotiation.AddToRequest(invite, timers.IntervalSeconds, refresher: null, timers.MinimumSeconds);
        foreach (var header in spec.Headers)
        {
            invite.Headers.Add(header.Name, header.Value);
        }

        SetSdp(invite, negotiator.CreateOffer());
        return new SipCall(agent, callId, inbound: false, invite) { negotiator = negotiator, inviteTarget = target };
    }

    internal async Task RunOutboundAsync(SipOutboundCall spec)
    {
        using var ringTimeout = new CancellationTokenSource(spec.RingTimeout);
        using var registration = ringTimeout.Token.Register(() => _ = CancelAsync(SipCallEndReason.NoAnswer));
        var authenticated = false;
        var intervalRaised = false;
        while (true)
        {
            inviteTransaction = agent.Layer.SendRequest(Invite, inviteTarget.EndPoint, inviteTarget.Protocol);
            SipResponse? challenge = null;
            SipRequest? retry = null;
            await foreach (var response in inviteTransaction.Responses.ReadAllAsync())
            {
                if (response.IsProvisional)
                {
                    await OnProvisionalAsync(response);
                }
                else if (response.IsSuccess)
                {
                    await OnSuccessAsync(response);
                }
                else if (response.StatusCode is 401 or 407 && spec.Credentials is not null && !authenticated && cancelReason is null)
                {
                    // Retry now: over UDP the challenged transaction lingers for Timer D (32 s), ACKing
                    // retransmitted challenges on its own; waiting for it to end would hold the call back.
                    challenge = response;
                    break;
                }
                else if (response.StatusCode == 422 && !intervalRaised && cancelReason is null && LongerInterval(response) is { } longer)
                {
                    // Session Interval Too Small (RFC 4028 §7.3): ask again with the far end's Min-SE, once.
                    intervalRaised = true;
                    retry = longer;
                    break;
                }
                else
                {
                    await gate.WaitAsync();
                    End(cancelReason ?? SipCallEndReasons.FromStatus(response.StatusCode), response.StatusCode);
                    gate.Release();
                }
            }

            if (challenge is not null && AuthorizedRetry(challenge, spec.Credentials!) is { } authorized)
            {
                authenticated = true;
                retry = authorized;
            }

            if (retry is null)
            {
                break;
            }

            Invite = retry;
        }

        if (State != SipCallState.Terminated && State != SipCallState.Established)
        {
            await gate.WaitAsync();
            End(SipCallEndReason.Failed, 0);
            gate.Release();
        }
    }

    internal async Task FailUnroutableAsync()
    {
        await gate.WaitAsync();
        End(SipCallEndReason.Failed, 0);
        gate.Release();
    }

    private async Task OnProvisionalAsync(SipResponse response)
    {
        await gate.WaitAsync();
        try
        {
            provisionalSeen = true;
            if (State == SipCallState.Terminated)
            {
                return;
            }

            if (cancelReason is not null && !cancelSent)
            {
                await SendCancelAsync();
            }

            if (response.StatusCode == 100)
            {
                return;
            }

            State = SipCallState.Ringing;
            SdpNegotiatedAudio? early = null;
            if (ParseSdp(response) is { } sdp && negotiator!.ProcessAnswer(sdp).Audio is { } audio)
            {
                early = Audio = audio;
            }

            events.Writer.TryWrite(new SipCallProgressed(response.StatusCode, early));
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task OnSuccessAsync(SipResponse response)
    {
        await gate.WaitAsync();
        PendingBye? bye = null;
        try
        {
            if (Dialog is not null)
            {
                if (initialAck is not null)
                {
                    var again = await ResolveAsync(Dialog.NextHop) ?? inviteTarget;
                    await agent.Layer.SendStatelessAsync(initialAck, again.EndPoint, again.Protocol);
                }

                return;
            }

            var to = response.To;
            var from = Invite.From!;
            var contact = (response.Contacts is [var first, ..] ? first.Uri : null) ?? Invite.RequestUri;
            var routes = response.RecordRoutes.Reverse().ToList();
            Dialog = new SipDialog(CallId, from, to ?? new SipAddress(Invite.RequestUri), contact, routes, Invite.CSeq!.Value.Number, agent.ContactFor(from.Uri.User, inviteTarget.Protocol));
            var target = await ResolveAsync(Dialog.NextHop) ?? inviteTarget;
            var ack = WithNewVia(Dialog.CreateRequest(SipMethods.Ack, Invite.CSeq.Value.Number), target.Protocol);
            await agent.Layer.SendStatelessAsync(ack, target.EndPoint, target.Protocol);
            initialAck = ack;
            if (cancelReason is { } reason || State == SipCallState.Terminated)
            {
                // Answered while we were cancelling: confirm, then hang up (RFC 3261 §15).
                bye = PrepareBye();
                End(cancelReason ?? SipCallEndReason.Cancelled, response.StatusCode);
                return;
            }

            Audio = ParseSdp(response) is { } sdp ? negotiator!.ProcessAnswer(sdp).Audio : null;
            State = SipCallState.Established;
            ArmSessionTimer(SipSessionTimerNegotiation.FromAnswer(response));
            events.Writer.TryWrite(new SipCallAnswered(Audio));
            answered.TrySetResult(true);
        }
        finally
        {
            gate.Release();
            if (bye is not null)
            {
                SendInBackground(bye);
            }
        }
    }

    private async Task CancelAsync(SipCallEndReason reason)
    {
        await gate.WaitAsync();
        try
        {
            if (IsInbound || State is SipCallState.Established or SipCallState.Terminated || cancelReason is not null)
            {
                return;
            }

            cancelReason = reason;
            if (provisionalSeen)
            {
                await SendCancelAsync();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // CANCEL copies the INVITE's Request-URI, top Via (same branch), Route, From, To, Call-ID and CSeq number.
    private Task SendCancelAsync()
    {
        cancelSent = true;
        var cancel = new SipRequest(SipMethods.Cancel, Invite.RequestUri);
        cancel.Headers.Add(SipHeaderNames.Via, Invite.Headers.GetValues(SipHeaderNames.Via)[0]);
        Invite.Headers.CopyTo(cancel.Headers, SipHeaderNames.Route);
        Invite.Headers.CopyTo(cancel.Headers, SipHeaderNames.From);
        Invite.Headers.CopyTo(cancel.Headers, SipHeaderNames.To);
        Invite.Headers.CopyTo(cancel.Headers, SipHeaderNames.CallId);
        cancel.Headers.Add(SipHeaderNames.CSeq, $"{Invite.CSeq!.Value.Number} {SipMethods.Cancel}");
        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        agent.Layer.SendRequest(cancel, inviteTarget.EndPoint, inviteTarget.Protocol);
        return Task.CompletedTask;
    }

    // A new INVITE with the next CSeq, a new branch and the Digest answer (RFC 3261 §22.2).
    private SipRequest? AuthorizedRetry(SipResponse challengeResponse, SipCredentials credentials)
    {
        var proxy = challengeResponse.StatusCode == 407;
        var value = challengeResponse.Headers.Get(proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate);
        if (value is null || !DigestChallenge.TryParse(value, out var challenge) || !DigestAuthenticator.Supports(challenge))
        {
            return null;
        }

        var retry = NextInvite(SipHeaderNames.Authorization, SipHeaderNames.ProxyAuthorization);
        var authorization = DigestAuthenticator.CreateAuthorization(challenge, credentials, SipMethods.Invite, Invite.RequestUri.ToString());
        retry.Headers.Add(proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization, authorization);
        return retry;
    }

    // The INVITE again with Session-Expires raised to the 422's Min-SE; null when it names none or no longer one.
    private SipRequest? LongerInterval(SipResponse tooSmall)
    {
        if (tooSmall.Headers.Get(SipMinSe.HeaderName) is not { } text || !SipMinSe.TryParse(text, out var minimum)
            || (Invite.Headers.Get(SipSessionExpires.HeaderName) is { } asked && SipSessionExpires.TryParse(asked, out var current) && current.Seconds >= minimum))
        {
            return null;
        }

        var retry = NextInvite();
        SipSessionTimerNegotiation.AddToRequest(retry, minimum, refresher: null, minimum);
        return retry;
    }

    // A copy of the INVITE with the next CSeq (a new transaction gives it a new branch), without the named headers.
    private SipRequest NextInvite(params string[] without)
    {
        var next = new SipRequest(SipMethods.Invite, Invite.RequestUri);
        foreach (var header in Invite.Headers.All)
        {
            if (header.Name is not (SipHeaderNames.Via or SipHeaderNames.CSeq) && !without.Contains(header.Name))
            {
                next.Headers.Add(header.Name, header.Value);
            }
        }

        next.Headers.Set(SipHeaderNames.CSeq, $"{Invite.CSeq!.Value.Number + 1} {SipMethods.Invite}");
        next.Body = Invite.Body;
        return next;
    }
}

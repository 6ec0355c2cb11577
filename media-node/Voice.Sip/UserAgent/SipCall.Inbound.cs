using Voice.Sip.Dialogs;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Transactions;

namespace Voice.Sip.UserAgent;

/// <summary>The UAS side: ringing, answer with an SDP answer, reject, CANCEL, and requests inside the dialog.</summary>
public sealed partial class SipCall
{
    private SipServerTransaction? inviteServer;
    private SdpSession? remoteOffer;
    private SipSessionTimer? offeredTimer;

    /// <summary>The caller's SDP offer (inbound calls).</summary>
    public SdpSession? RemoteOffer => remoteOffer;

    internal static SipCall CreateInbound(SipUserAgent agent, SipIncomingRequest incoming, SdpSession offer, SipSessionTimer? timer)
    {
        var invite = incoming.Request;
        var local = invite.To!.WithTag(NewTag());
        var remote = invite.From!;
        var target = (invite.Contacts is [var first, ..] ? first.Uri : null) ?? remote.Uri;
        var dialog = new SipDialog(invite.CallId!, local, remote, target, invite.RecordRoutes, Random.Shared.Next(1, 100_000), agent.ContactFor(invite.RequestUri.User, incoming.Protocol))
        {
            RemoteSequence = invite.CSeq!.Value.Number,
        };
        return new SipCall(agent, invite.CallId!, inbound: true, invite) { Dialog = dialog, inviteServer = incoming.Transaction, remoteOffer = offer, offeredTimer = timer };
    }

    /// <summary>Sends 180 Ringing (once; also sent automatically when <see cref="SipUserAgentOptions.AutoRing"/> is on).</summary>
    public async Task RingAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (IsInbound && State == SipCallState.Calling)
            {
                State = SipCallState.Ringing;
                await RespondToInviteAsync(180, null);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Answers an inbound call with 200 and the SDP answer built from <paramref name="media"/>. When no audio stream
    /// can be agreed the call is rejected with 488 and false is returned. If the caller never ACKs, the call ends
    /// with <see cref="SipCallEndReason.Failed"/> (after sending BYE).
    /// </summary>
    public async Task<bool> AnswerAsync(SdpLocalMedia media)
    {
        await gate.WaitAsync();
        try
        {
            if (!IsInbound || State is SipCallState.Established or SipCallState.Terminated)
            {
                return false;
            }

            negotiator = new SdpNegotiator(media);
            var result = negotiator.Answer(remoteOffer!, localDirection);
            if (!result.IsAccepted)
            {
                await RespondToInviteAsync(488, null);
                End(SipCallEndReason.Failed, 488);
                return false;
            }

            Audio = result.Audio;
            await RespondToInviteAsync(200, result.Answer);
            State = SipCallState.Established;
            ArmSessionTimer(offeredTimer);
            events.Writer.TryWrite(new SipCallAnswered(Audio));
            answered.TrySetResult(true);
        }
        finally
        {
            gate.Release();
        }

        _ = WatchForAckAsync();
        return true;
    }

    /// <summary>Rejects an inbound call that is not answered yet (486 Busy Here by default).</summary>
    public Task RejectAsync(int statusCode = 486) => RejectAsync(statusCode, retryAfter: null);

    /// <summary>Rejects an inbound call that is not answered yet, telling the caller when to try again (a 503's Retry-After).</summary>
    public async Task RejectAsync(int statusCode, TimeSpan? retryAfter)
    {
        await gate.WaitAsync();
        try
        {
            if (IsInbound && State is SipCallState.Calling or SipCallState.Ringing)
            {
                await RespondToInviteAsync(statusCode, null, retryAfter);
                End(SipCallEndReason.Rejected, statusCode);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    internal async Task OnCancelledAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (State is SipCallState.Calling or SipCallState.Ringing)
            {
                await RespondToInviteAsync(487, null);
                End(SipCallEndReason.Cancelled, 487);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    internal async Task OnByeAsync(SipServerTransaction transaction)
    {
        await transaction.SendResponseAsync(SipResponseFactory.Create(transaction.Request, 200));
        await gate.WaitAsync();
        try
        {
            End(SipCallEndReason.RemoteHangup, 0);
        }
        finally
        {
            gate.Release();
        }
    }

    internal async Task OnReinviteAsync(SipServerTransaction transaction)
    {
        await gate.WaitAsync();
        try
        {
            var request = transaction.Request;
            if (State != SipCallState.Established || negotiator is null || Dialog is null)
            {
                await transaction.SendResponseAsync(SipResponseFactory.Create(request, State == SipCallState.Terminated ? 481 : 491));
                return;
            }

            if (SipSessionTimerNegotiation.Answer(request, agent.Options.SessionTimers, out var timer) is { } refusal)
            {
                await transaction.SendResponseAsync(refusal);
                return;
            }

            if (request.Contacts is [var contact, ..])
            {
                Dialog.RemoteTarget = contact.Uri;
            }

            var offer = ParseSdp(request);
            var result = offer is null ? null : negotiator.Answer(offer, localDirection);
            if (result is not { IsAccepted: true })
            {
                await transaction.SendResponseAsync(SipResponseFactory.Create(request, 488));
                return;
            }

            var ok = SipResponseFactory.Create(request, 200);
            ok.Headers.Add(SipHeaderNames.Contact, new SipAddress(Dialog.LocalContact).ToString());
            SipSessionTimerNegotiation.AddToResponse(ok, timer);
            SetSdp(ok, result.Answer!);
            await transaction.SendResponseAsync(ok);
            ArmSessionTimer(timer);
            Audio = result.Audio;
            events.Writer.TryWrite(new SipCallMediaChanged(result.Audio!));
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RespondToInviteAsync(int status, SdpSession? sdp, TimeSpan? retryAfter = null)
    {
        if (inviteServer is null || Dialog is null)
        {
            return;
        }

        var response = SipResponseFactory.Create(Invite, status, toTag: Dialog.Local.Tag);
        if (status < 300)
        {
            response.Headers.Add(SipHeaderNames.Contact, new SipAddress(Dialog.LocalContact).ToString());
            response.Headers.Add(SipHeaderNames.Allow, string.Join(", ", agent.Options.Policy.AllowedMethods));
            SipSessionTimerNegotiation.AddToResponse(response, status >= 200 ? offeredTimer : null);
        }

        response.Headers.Add(SipHeaderNames.Server, agent.Options.Product);
        if (retryAfter is { } after)
        {
            response.Headers.Add("Retry-After", ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (sdp is not null)
        {
            SetSdp(response, sdp);
        }

        await inviteServer.SendResponseAsync(response);
    }

    private async Task WatchForAckAsync()
    {
        if (inviteServer is null || await inviteServer.Acknowledged)
        {
            return;
        }

        PendingBye? bye = null;
        await gate.WaitAsync();
        try
        {
            if (State == SipCallState.Established)
            {
                bye = PrepareBye();
                End(SipCallEndReason.Failed, 0);
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
}

using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Voice.Sip.Dialogs;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Transactions;
using Voice.Sip.Transport;

namespace Voice.Sip.UserAgent;

/// <summary>
/// One call (an INVITE session, RFC 3261 §13–15) in either direction. Progress arrives on <see cref="Events"/>;
/// <see cref="Answered"/> and <see cref="Ended"/> complete at those milestones. Methods are safe to call from any
/// thread and never throw for protocol failures: a call that cannot continue ends with a reason.
/// </summary>
// The per-call SemaphoreSlim never allocates a wait handle (only WaitAsync is used), so it needs no disposal.
#pragma warning disable CA1001
public sealed partial class SipCall
#pragma warning restore CA1001
{
    private readonly SipUserAgent agent;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Channel<SipCallEvent> events = Channel.CreateUnbounded<SipCallEvent>(new UnboundedChannelOptions { SingleReader = false });
    private readonly TaskCompletionSource<bool> answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SipCallEndReason> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SdpNegotiator? negotiator;
    private SdpDirection localDirection = SdpDirection.SendRecv;

    private SipCall(SipUserAgent agent, string callId, bool inbound, SipRequest invite)
    {
        this.agent = agent;
        CallId = callId;
        IsInbound = inbound;
        Invite = invite;
    }

    /// <summary>The Call-ID.</summary>
    public string CallId { get; }

    /// <summary>True for calls we received.</summary>
    public bool IsInbound { get; }

    /// <summary>The initial INVITE (for inbound calls: read the caller, headers and offer from it).</summary>
    public SipRequest Invite { get; private set; }

    /// <summary>Current state.</summary>
    public SipCallState State { get; private set; }

    /// <summary>The dialog once one exists (early or confirmed).</summary>
    public SipDialog? Dialog { get; private set; }

    /// <summary>The agreed audio stream (early media, answer, or after hold/unhold).</summary>
    public SdpNegotiatedAudio? Audio { get; private set; }

    /// <summary>Why the call ended (<see cref="SipCallEndReason.None"/> while it lasts).</summary>
    public SipCallEndReason EndReason { get; private set; }

    /// <summary>Progress, answer, media changes and the end, in order; completes after <see cref="SipCallEnded"/>.</summary>
    public ChannelReader<SipCallEvent> Events => events.Reader;

    /// <summary>True when the call was answered; false when it ended before.</summary>
    public Task<bool> Answered => answered.Task;

    /// <summary>Completes with the end reason.</summary>
    public Task<SipCallEndReason> Ended => ended.Task;

    /// <summary>Puts the call on hold (re-INVITE with a=sendonly). False if not established or refused.</summary>
    public async Task<bool> HoldAsync() => await SendReinviteAsync(SdpDirection.SendOnly, refresh: false) is { IsSuccess: true };

    /// <summary>Takes the call off hold (re-INVITE with a=sendrecv). False if not established or refused.</summary>
    public async Task<bool> UnholdAsync() => await SendReinviteAsync(SdpDirection.SendRecv, refresh: false) is { IsSuccess: true };

    /// <summary>
    /// Ends the call whatever its state: BYE when established, CANCEL for an unanswered outbound call, 480 for an
    /// unanswered inbound call. The call is over when this returns; it does not wait for the far end to answer the
    /// BYE or CANCEL (a vanished peer would hold it for timer F, 32 s). The BYE's outcome arrives on
    /// <see cref="ByeResponse"/>.
    /// </summary>
    public async Task HangupAsync()
    {
        await gate.WaitAsync();
        PendingBye? bye = null;
        try
        {
            switch (State)
            {
                case SipCallState.Terminated:
                    return;
                case SipCallState.Established:
                    bye = PrepareBye();
                    End(SipCallEndReason.LocalHangup, 0);
                    break;
                default:
                    if (IsInbound)
                    {
                        await RespondToInviteAsync(480, null);
                        End(SipCallEndReason.Rejected, 480);
                        return;
                    }

                    break;
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
        else
        {
            await CancelAsync(SipCallEndReason.Cancelled);
        }
    }

    // A re-INVITE with our SDP in <paramref name="direction"/> (null: as it stands); with a session timer in force it
    // offers it too, so it also refreshes the session. Null when it could not be sent; else the final response.
    private async Task<SipResponse?> SendReinviteAsync(SdpDirection? direction, bool refresh)
    {
        SipClientTransaction transaction;
        (IPEndPoint EndPoint, SipTransportProtocol Protocol) target;
        long sequence;
        await gate.WaitAsync();
        try
        {
            if (State != SipCallState.Established || negotiator is null || Dialog is null
                || (refresh && sessionTimer is null)
                || await ResolveAsync(Dialog.NextHop) is not { } resolved)
            {
                return null;
            }

            target = resolved;
            localDirection = direction ?? localDirection;
            var request = Dialog.CreateRequest(SipMethods.Invite);
            sequence = Dialog.LocalSequence;
            if (sessionTimer is not null)
            {
                AddSessionTimerOffer(request);
            }

            SetSdp(request, negotiator.CreateOffer(localDirection));
            transaction = agent.Layer.SendRequest(request, target.EndPoint, target.Protocol);
        }
        finally
        {
            gate.Release();
        }

        var final = await transaction.FinalResponseAsync();
        if (final is not { IsSuccess: true })
        {
            return final;
        }

        await gate.WaitAsync();
        try
        {
            if (sessionTimer is not null)
            {
                ArmSessionTimer(SipSessionTimerNegotiation.FromAnswer(final));
            }
        }
        finally
        {
            gate.Release();
        }

        var ack = Dialog.CreateRequest(SipMethods.Ack, sequence);
        await agent.Layer.SendStatelessAsync(WithNewVia(ack, target.Protocol), target.EndPoint, target.Protocol);
        _ = ReAckRetransmissionsAsync(transaction, ack, target);
        if (ParseSdp(final) is { } answer && negotiator!.ProcessAnswer(answer).Audio is { } audio)
        {
            Audio = audio;
            events.Writer.TryWrite(new SipCallMediaChanged(audio));
        }

        return final;
    }

    private void End(SipCallEndReason reason, int status)
    {
        if (State == SipCallState.Terminated)
        {
            return;
        }

        State = SipCallState.Terminated;
        EndReason = reason;
        StopSessionTimer();
        EndReferrals();
        events.Writer.TryWrite(new SipCallEnded(reason, status));
        events.Writer.TryComplete();
        answered.TrySetResult(false);
        ended.TrySetResult(reason);
        agent.Forget(this);
    }

    // Every 2xx retransmission of an INVITE we sent must be ACKed again (RFC 3261 §13.2.2.4).
    private async Task ReAckRetransmissionsAsync(SipClientTransaction transaction, SipRequest ack, (IPEndPoint EndPoint, SipTransportProtocol Protocol) target)
    {
        await foreach (var response in transaction.Responses.ReadAllAsync())
        {
            if (response.IsSuccess)
            {
                await agent.Layer.SendStatelessAsync(ack, target.EndPoint, target.Protocol);
            }
        }
    }

    private Task<(IPEndPoint EndPoint, SipTransportProtocol Protocol)?> ResolveAsync(SipUri uri) =>
        SipTargetResolver.ResolveAsync(uri, SipTransportProtocol.Udp);

    private SipRequest WithNewVia(SipRequest request, SipTransportProtocol protocol)
    {
        request.Headers.Remove(SipHeaderNames.Via);
        var via = new SipVia(protocol == SipTransportProtocol.Tcp ? "TCP" : "UDP", agent.Transport.AdvertisedHost, agent.Transport.AdvertisedPort, SipTransactionLayer.NewBranch());
        via.Parameters.Set("rport", null);
        request.Headers.Prepend(SipHeaderNames.Via, via.ToString());
        return request;
    }

    private static void SetSdp(SipMessage message, SdpSession sdp)
    {
        message.Headers.Set(SipHeaderNames.ContentType, "application/sdp");
        message.Body = sdp.ToBytes();
    }

    private static SdpSession? ParseSdp(SipMessage message) =>
        !message.Body.IsEmpty && message.ContentType is { } type && type.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase)
        && SdpParser.TryParse(message.Body.Span, out var sdp, out _) ? sdp : null;

    private static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}

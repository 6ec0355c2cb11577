using System.Net;
using Voice.Media.Codecs;
using Voice.Media.Contracts;
using Voice.Media.Rtp;
using Voice.Media.Sessions;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.UserAgent;

namespace Voice.MediaNode.Calls;

/// <summary>
/// One call: a SIP INVITE session tied to a media session on the shared clock and an RTP port pair. Turns
/// commands into SIP actions and SIP/media progress into media events (ringing, answered, hangup with cause,
/// SIP code and side). The leg removes itself from the registry after its hangup event.
/// </summary>
public sealed partial class CallLeg : ICallLeg
{
    private readonly CallLegServices services;
    private readonly RtpSocketPair sockets;
    private SipCall? sip;
    private MediaSession? media;
    private string? localCause;
    private bool ringingReported;
    private int finished;

    private CallLeg(CallLegServices services, string callId)
    {
        this.services = services;
        CallId = callId;
        sockets = services.Ports.Allocate();
    }

    public string CallId { get; }

    /// <summary>A leg for an outbound call, placed by the dial command handed to <see cref="HandleAsync"/>.</summary>
    public static CallLeg ForDial(CallLegServices services, DialCommand dial) => new(services, dial.CallId);

    /// <summary>
    /// Takes an inbound call: allocates its RTP ports, rings (180), reports incoming_call and follows it. When every
    /// RTP port pair is in use the INVITE is refused with 503 before it rang (so a proxy in front of several nodes
    /// can try another one, RFC 3261 §21.5.4) and null is returned.
    /// </summary>
    public static async Task<CallLeg?> AcceptAsync(CallLegServices services, SipCall call, CancellationToken cancellationToken)
    {
        if (services.Registry.Node is { } node && node.Refusal(services.Registry.ActiveCalls) is { } refusal)
        {
            // A proxy in front of several nodes tries another; a carrier retries after Retry-After (RFC 3261 §21.5.4).
            services.Logger.LogWarning("Inbound call {SipCallId} refused with 503: {Reason}", call.CallId, refusal);
            await call.RejectAsync(503, node.RetryAfter);
            return null;
        }

        CallLeg leg;
        try
        {
            leg = new CallLeg(services, SortableIds.New(SortableIds.CallPrefix, services.Time.GetUtcNow())) { sip = call };
        }
        catch (InvalidOperationException e)
        {
            services.Logger.LogWarning("Inbound call {SipCallId} refused with 503: {Reason}", call.CallId, e.Message);
            await call.RejectAsync(503);
            return null;
        }

        services.Registry.TryAdd(leg);
        await call.RingAsync();
        var invite = call.Invite;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in invite.Headers.All)
        {
            if (header.Name.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
            {
                headers[header.Name] = header.Value;
            }
        }

        await services.Events.PublishAsync(new IncomingCallEvent
        {
            Id = "",
            CallId = leg.CallId,
            From = invite.From?.Uri.ToString() ?? "",
            To = invite.To?.Uri.ToString() ?? invite.RequestUri.ToString(),
            RequestUri = invite.RequestUri.ToString(),
            SipHeaders = headers,
            Node = services.Registry.Node?.Address.ToString(),
        }, cancellationToken);
        _ = leg.FollowSipAsync(call);
        return leg;
    }

    public async Task HandleAsync(MediaCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case DialCommand dial:
                await DialAsync(dial, cancellationToken);
                break;
            case AnswerCommand answer:
                await AnswerAsync(answer, cancellationToken);
                break;
            case RejectCommand reject:
                await RejectAsync(reject, cancellationToken);
                break;
            case HangupCommand hangup:
                await HangupAsync(hangup.Reason);
                break;
            default:
                await HandleMediaAsync(command, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Sends BYE/CANCEL and reports the hangup at once, without waiting for the far end's answer: at shutdown a
    /// vanished peer would otherwise hold the event back past the host's shutdown timeout.
    /// </summary>
    public async Task EndAsync(string cause, CancellationToken cancellationToken)
    {
        await HangupAsync(cause);
        await FinishAsync(localCause ?? cause, null, "local");
    }

    private async Task DialAsync(DialCommand dial, CancellationToken cancellationToken)
    {
        var target = DialTarget.Resolve(dial.To, services.Options.Trunk);
        if (target.RequestUri is null)
        {
            await services.Events.PublishErrorAsync(CallId, dial.Id, "invalid_destination", target.Error!, cancellationToken);
            await FinishAsync(HangupCauses.Failed, null, "local");
            return;
        }

        var trunk = services.Options.Trunk;
        var spec = new SipOutboundCall
        {
            Target = target.RequestUri,
            From = SipAddress.Parse(CallerUri(dial.From)) ?? SipAddress.Parse($"<sip:anonymous@{services.Sip.Transport.AdvertisedHost}>")!,
            Media = LocalMedia(),
            RingTimeout = TimeSpan.FromSeconds(Math.Max(1, dial.TimeoutSeconds)),
            Headers = (dial.Headers ?? new Dictionary<string, string>())
                .Where(h => h.Key.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
                .Select(h => new SipHeader(h.Key, h.Value)).ToList(),
            Credentials = target.ViaTrunk && !string.IsNullOrEmpty(trunk.Username) ? new Sip.Auth.SipCredentials(trunk.Username, trunk.Password ?? "") : null,
        };
        sip = await services.Sip.PlaceCallAsync(spec, cancellationToken);
        _ = FollowSipAsync(sip);
    }

    private async Task AnswerAsync(AnswerCommand answer, CancellationToken cancellationToken)
    {
        if (sip is not { IsInbound: true } call || call.State is SipCallState.Established or SipCallState.Terminated)
        {
            await services.Events.PublishErrorAsync(CallId, answer.Id, "invalid_state", "only a ringing inbound call can be answered", cancellationToken);
            return;
        }

        if (!await call.AnswerAsync(LocalMedia()))
        {
            await services.Events.PublishErrorAsync(CallId, answer.Id, "answer_failed", "no common audio codec with the caller (488 sent)", cancellationToken);
        }
    }

    private async Task RejectAsync(RejectCommand reject, CancellationToken cancellationToken)
    {
        if (sip is not { IsInbound: true } call || call.State is SipCallState.Established or SipCallState.Terminated)
        {
            await services.Events.PublishErrorAsync(CallId, reject.Id, "invalid_state", "only a ringing inbound call can be rejected", cancellationToken);
            return;
        }

        if (!HangupCauses.TryGetRejectStatus(reject.Reason, out var status))
        {
            await services.Events.PublishErrorAsync(CallId, reject.Id, "invalid_reason", $"unknown reject reason '{reject.Reason}' (busy, rejected, unavailable, not_found)", cancellationToken);
            return;
        }

        localCause = reject.Reason == "unavailable" ? HangupCauses.NoAnswer : reject.Reason;
        await call.RejectAsync(status);
    }

    private async Task HangupAsync(string reason)
    {
        if (sip is not { } call)
        {
            await FinishAsync(reason, null, "local");
            return;
        }

        localCause ??= call.State is SipCallState.Established || reason == CallRegistry.ShutdownCause ? reason : HangupCauses.Canceled;
        await call.HangupAsync();
    }

    private async Task FollowSipAsync(SipCall call)
    {
        try
        {
            await foreach (var progress in call.Events.ReadAllAsync())
            {
                switch (progress)
                {
                    case SipCallProgressed { StatusCode: 180 or 183 } ringing when !ringingReported:
                        ringingReported = true;
                        await services.Events.PublishAsync(new RingingEvent { Id = "", CallId = CallId, EarlyMedia = ringing.EarlyAudio is not null });
                        break;
                    case SipCallAnswered answered:
                        if (answered.Audio is { } agreed)
                        {
                            OnMediaDirection(agreed);
                        }

                        StartMedia(answered.Audio);
                        await services.Events.PublishAsync(new AnsweredEvent { Id = "", CallId = CallId });
                        break;
                    case SipCallMediaChanged changed:
                        OnMediaDirection(changed.Audio);
                        sockets.SetRemote(RemoteRtp(changed.Audio));
                        break;
                    case SipCallInfoReceived info:
                        await PublishInfoReceivedAsync(info);
                        break;
                    case SipCallEnded ended:
                        _ = LogByeOutcomeAsync(call);
                        await EndedAsync(ended);
                        break;
                }
            }
        }
        catch (Exception e)
        {
            services.Logger.LogError(e, "Call {CallId} failed", CallId);
            await FinishAsync(HangupCauses.Failed, null, "local");
        }
    }

    private Task EndedAsync(SipCallEnded ended)
    {
        var status = ended.StatusCode >= 300 ? ended.StatusCode : (int?)null;
        if (localCause is { } cause)
        {
            return FinishAsync(cause, status, "local");
        }

        return ended.Reason switch
        {
            SipCallEndReason.LocalHangup => FinishAsync(HangupCauses.Normal, status, "local"),
            SipCallEndReason.Busy => FinishAsync(HangupCauses.Busy, status, "remote"),
            SipCallEndReason.NoAnswer => FinishAsync(HangupCauses.NoAnswer, status, status is null or 487 ? "local" : "remote"),
            SipCallEndReason.NotFound => FinishAsync(HangupCauses.NotFound, status, "remote"),
            SipCallEndReason.Declined => FinishAsync(HangupCauses.Rejected, status, "remote"),
            SipCallEndReason.Cancelled => FinishAsync(HangupCauses.Canceled, status, "remote"),
            SipCallEndReason.Failed => FinishAsync(HangupCauses.Failed, status, "remote"),
            SipCallEndReason.SessionExpired => FinishAsync(HangupCauses.SessionTimeout, status, "local"),
            _ => FinishAsync(HangupCauses.Normal, status, "remote"),
        };
    }

    // The far end answers our BYE after the hangup was reported (a vanished phone: after timer F, 32 s), so its
    // outcome is only logged. ByeResponse never faults; it is null when we sent no BYE.
    private async Task LogByeOutcomeAsync(SipCall call)
    {
        switch (await call.ByeResponse)
        {
            case null:
                break;
            case { IsSuccess: true } answered:
                services.Logger.LogDebug("Call {CallId}: BYE answered with {Status}", CallId, answered.StatusCode);
                break;
            case var failed:
                services.Logger.LogInformation("Call {CallId}: BYE got {Status} {Reason}; the far end may not know the call ended", CallId, failed.StatusCode, failed.ReasonPhrase);
                break;
        }
    }

    private async Task FinishAsync(string cause, int? sipCode, string side)
    {
        if (Interlocked.Exchange(ref finished, 1) != 0)
        {
            return;
        }

        try
        {
            await StopMediaAsync();
            await services.Events.PublishAsync(new HangupEvent { Id = "", CallId = CallId, Cause = cause, SipCode = sipCode, Side = side });
        }
        finally
        {
            services.Registry.Remove(CallId);
        }
    }

    private void StartMedia(SdpNegotiatedAudio? audio)
    {
        if (audio is null || media is not null)
        {
            return;
        }

        sockets.SetRemote(RemoteRtp(audio));
        var session = new MediaSession(new MediaSessionOptions
        {
            Codec = audio.Codec.EncodingName.Equals("PCMA", StringComparison.OrdinalIgnoreCase) ? AudioCodec.Pcma : AudioCodec.Pcmu,
            PayloadType = (byte)audio.Codec.PayloadType,
            TelephoneEventPayloadType = audio.TelephoneEventPayloadType is { } te ? (byte)te : null,
        }, sockets);
        media = session;
        session.AddTap(answerAudio);
        services.Clock.Register(session);
        _ = FollowMediaAsync(session);
        _ = WatchMediaAsync(session);
    }

    private async Task StopMediaAsync()
    {
        StopGather(Gather.GatherOutcome.Hangup);
        await StopStreamsAsync(null, "hangup", null, CancellationToken.None);
        await StopMachineDetectionAsync();
        await StopTranscriptionAsync("hangup");
        await FinishRecordingAsync();
        await LeaveMixingAsync(bridge: mixing is { Room: var room } && room.StartsWith("bridge:", StringComparison.Ordinal));
        if (Interlocked.Exchange(ref media, null) is { } session)
        {
            services.Clock.Unregister(session);
            await session.DisposeAsync();
        }
        else
        {
            await sockets.DisposeAsync();
        }
    }

    private SdpLocalMedia LocalMedia() => new() { Address = services.MediaAddress, RtpPort = sockets.LocalRtp.Port };

    private string CallerUri(string from) =>
        from.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) ? $"<{from}>" : $"<sip:{from}@{services.Sip.Transport.AdvertisedHost}>";

    private static IPEndPoint RemoteRtp(SdpNegotiatedAudio audio) =>
        new(IPAddress.TryParse(audio.RemoteAddress, out var address) ? address : IPAddress.Loopback, audio.RemotePort);
}

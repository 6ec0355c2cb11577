using System.Collections.Concurrent;
using System.Threading.Channels;
using Voice.Sip.Dialogs;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Transactions;
using Voice.Sip.Transport;

namespace Voice.Sip.UserAgent;

/// <summary>
/// The SIP user agent the media node uses: transport + transaction layer + UAS checks + calls. Place calls with
/// <see cref="PlaceCallAsync"/>, take inbound calls from <see cref="IncomingCalls"/>, and end everything with
/// <see cref="DisposeAsync"/> (BYE/CANCEL/480 for every live call first). OPTIONS is answered automatically.
/// Requests that fail the UAS checks get the matching error response (400/401/405/415/416/420/...).
/// </summary>
public sealed class SipUserAgent : IAsyncDisposable
{
    private readonly SipTransport transport;
    private readonly SipRequestValidator validator;
    private readonly ConcurrentDictionary<string, SipCall> calls = new();
    private readonly ConcurrentDictionary<Task<SipResponse?>, byte> pendingByes = new();
    private readonly Channel<SipCall> incomingCalls = Channel.CreateUnbounded<SipCall>();
    private readonly Task dispatcher;

    private SipUserAgent(SipUserAgentOptions options)
    {
        Options = options;
        transport = SipTransport.Start(options.Transport);
        Layer = new SipTransactionLayer(transport, options.Timers);
        validator = new SipRequestValidator(options.Policy);
        dispatcher = Task.Run(DispatchAsync);
    }

    /// <summary>Options in use.</summary>
    public SipUserAgentOptions Options { get; }

    /// <summary>The transport (for its bound endpoint and counters).</summary>
    public SipTransport Transport => transport;

    /// <summary>The transaction layer (for counters, or for sending requests outside calls).</summary>
    public SipTransactionLayer Layer { get; }

    /// <summary>Inbound calls, already 100/180-answered; call <see cref="SipCall.AnswerAsync"/> or <see cref="SipCall.RejectAsync(int)"/>.</summary>
    public ChannelReader<SipCall> IncomingCalls => incomingCalls.Reader;

    /// <summary>Live calls.</summary>
    public int ActiveCalls => calls.Count;

    /// <summary>Binds the transport and starts processing. Throws if the endpoint cannot be bound.</summary>
    public static SipUserAgent Start(SipUserAgentOptions options) => new(options);

    /// <summary>
    /// Sends an INVITE with an SDP offer built from <see cref="SipOutboundCall.Media"/> and returns the call at once;
    /// follow it through <see cref="SipCall.Events"/> or <see cref="SipCall.Answered"/>. Answers 401/407 challenges
    /// once with the given credentials (CSeq incremented). Cancels after the ring timeout. An unresolvable target
    /// ends the call immediately with <see cref="SipCallEndReason.Failed"/>.
    /// </summary>
    public async Task<SipCall> PlaceCallAsync(SipOutboundCall spec, CancellationToken cancellationToken = default)
    {
        var next = Options.OutboundProxy ?? spec.Target;
        var target = await SipTargetResolver.ResolveAsync(next, spec.Protocol, cancellationToken);
        var call = SipCall.CreateOutbound(this, spec, target ?? (new System.Net.IPEndPoint(System.Net.IPAddress.None, 0), spec.Protocol));
        calls[call.CallId] = call;
        _ = target is null ? call.FailUnroutableAsync() : call.RunOutboundAsync(spec);
        return call;
    }

    /// <summary>
    /// Hangs up every call, then stops the stack. Waits briefly (8·T1) for BYEs to be answered: those of these
    /// hangups and those still pending from calls hung up just before.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAny(HangUpEveryCallAsync(), Task.Delay(Options.Timers.T1 * 8));
        await Layer.DisposeAsync();
        await transport.DisposeAsync();
        await dispatcher;
        incomingCalls.Writer.TryComplete();
    }

    /// <summary>Remembers a BYE in progress (<paramref name="response"/> never faults) until it is answered or times out.</summary>
    internal void TrackBye(Task<SipResponse?> response)
    {
        pendingByes.TryAdd(response, 0);
        _ = ForgetWhenAnsweredAsync(response);
    }

    internal void Forget(SipCall call) => calls.TryRemove(new KeyValuePair<string, SipCall>(call.CallId, call));

    internal SipUri ContactFor(string? user, SipTransportProtocol protocol)
    {
        var contact = SipUri.Create(user, transport.AdvertisedHost, transport.AdvertisedPort);
        if (protocol == SipTransportProtocol.Tcp)
        {
            contact.Parameters.Set("transport", "tcp");
        }

        return contact;
    }

    private async Task HangUpEveryCallAsync()
    {
        await Task.WhenAll(calls.Values.Select(c => c.HangupAsync()));
        await Task.WhenAll(pendingByes.Keys);
    }

    private async Task ForgetWhenAnsweredAsync(Task<SipResponse?> response)
    {
        await response;
        pendingByes.TryRemove(response, out _);
    }

    private async Task DispatchAsync()
    {
        await foreach (var incoming in Layer.IncomingRequests.ReadAllAsync())
        {
            try
            {
                await HandleAsync(incoming);
            }
            catch (Exception)
            {
                // One bad request must not stop the user agent; its transaction times out on its own.
            }
        }
    }

    private async Task HandleAsync(SipIncomingRequest incoming)
    {
        var request = incoming.Request;
        var call = request.CallId is { } id ? calls.GetValueOrDefault(id) : null;
        if (request.Method == SipMethods.Ack)
        {
            return;
        }

        if (incoming.CancelledInvite is { } cancelled)
        {
            if (call is not null)
            {
                await call.OnCancelledAsync();
            }
            else
            {
                await cancelled.SendResponseAsync(SipResponseFactory.Create(cancelled.Request, 487));
            }

            return;
        }

        var transaction = incoming.Transaction!;
        if (validator.Validate(request) is { } rejection)
        {
            await transaction.SendResponseAsync(rejection);
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Options:
                var ok = SipResponseFactory.Create(request, 200);
                ok.Headers.Add(SipHeaderNames.Allow, string.Join(", ", Options.Policy.AllowedMethods));
                ok.Headers.Add(SipHeaderNames.Accept, string.Join(", ", Options.Policy.AcceptedContentTypes));
                ok.Headers.Add(SipHeaderNames.Server, Options.Product);
                await transaction.SendResponseAsync(ok);
                break;
            case SipMethods.Invite when request.To?.Tag is not null:
                await (call is null ? transaction.SendResponseAsync(SipResponseFactory.Create(request, 481)).AsTask() : call.OnReinviteAsync(transaction));
                break;
            case SipMethods.Invite:
                await OnNewInviteAsync(incoming, transaction);
                break;
            case SipMethods.Bye:
                await (call is null ? transaction.SendResponseAsync(SipResponseFactory.Create(request, 481)).AsTask() : call.OnByeAsync(transaction));
                break;
            case SipMethods.Notify or SipMethods.Info or SipMethods.Refer when call is null || request.To?.Tag is null:
                // Only inside a call's dialog: no out-of-dialog subscriptions, INFO or transfers here.
                await transaction.SendResponseAsync(SipResponseFactory.Create(request, 481));
                break;
            case SipMethods.Notify:
                await call.OnNotifyAsync(transaction);
                break;
            case SipMethods.Info:
                await call.OnInfoAsync(transaction);
                break;
            case SipMethods.Refer:
                await call.OnReferAsync(transaction);
                break;
            default:
                await transaction.SendResponseAsync(SipResponseFactory.Create(request, 501));
                break;
        }
    }

    private async Task OnNewInviteAsync(SipIncomingRequest incoming, SipServerTransaction transaction)
    {
        var request = incoming.Request;
        if (request.Body.IsEmpty || !SdpParser.TryParse(request.Body.Span, out var offer, out _))
        {
            // Offer-less INVITEs (offer in 200, answer in ACK) are not supported.
            await transaction.SendResponseAsync(SipResponseFactory.Create(request, 488, "SDP Offer Required"));
            return;
        }

        if (calls.ContainsKey(request.CallId!))
        {
            await transaction.SendResponseAsync(SipResponseFactory.Create(request, 482));
            return;
        }

        if (SipSessionTimerNegotiation.Answer(request, Options.SessionTimers, out var timer) is { } refusal)
        {
            await transaction.SendResponseAsync(refusal);
            return;
        }

        var call = SipCall.CreateInbound(this, incoming, offer, timer);
        calls[call.CallId] = call;
        if (Options.AutoRing)
        {
            await call.RingAsync();
        }

        incomingCalls.Writer.TryWrite(call);
    }
}

using System.Net;
using System.Threading.Channels;
using Voice.Sip.Messages;
using Voice.Sip.Transport;

namespace Voice.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 §17.1): sends the request, retransmits it over UDP (timers A/E), ends on timeout
/// (B/F, reported as a synthesized 408) or transport failure (synthesized 503), and generates the ACK for non-2xx
/// INVITE responses. Every response — provisional, final, and for INVITE any 2xx retransmission while Accepted — is
/// written to <see cref="Responses"/>, which completes when the transaction terminates.
/// </summary>
public sealed class SipClientTransaction
{
    private readonly SipTransactionLayer layer;
    private readonly Channel<SipResponse> responses = Channel.CreateUnbounded<SipResponse>(new UnboundedChannelOptions { SingleWriter = true });
    private SipTimerHandle? retransmitTimer;
    private SipTimerHandle? timeoutTimer;
    private TimeSpan interval;
    private SipRequest? ack;

    internal SipClientTransaction(SipTransactionLayer layer, SipRequest request, IPEndPoint destination, SipTransportProtocol protocol, string key)
    {
        this.layer = layer;
        Request = request;
        Destination = destination;
        Protocol = protocol;
        Key = key;
        IsInvite = request.Method == SipMethods.Invite;
        State = IsInvite ? SipTransactionState.Calling : SipTransactionState.Trying;
    }

    /// <summary>The request this transaction sends.</summary>
    public SipRequest Request { get; }

    /// <summary>Where the request goes.</summary>
    public IPEndPoint Destination { get; }

    /// <summary>Transport used.</summary>
    public SipTransportProtocol Protocol { get; }

    /// <summary>Current state (changes on the transaction layer's task).</summary>
    public SipTransactionState State { get; private set; }

    /// <summary>Responses in arrival order; completes when the transaction terminates.</summary>
    public ChannelReader<SipResponse> Responses => responses.Reader;

    internal string Key { get; }

    private bool IsInvite { get; }

    private bool IsUdp => Protocol == SipTransportProtocol.Udp;

    /// <summary>Waits for the final response (skipping provisional ones); null if the transaction ended without one.</summary>
    public async Task<SipResponse?> FinalResponseAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var response in responses.Reader.ReadAllAsync(cancellationToken))
        {
            if (response.StatusCode >= 200)
            {
                return response;
            }
        }

        return null;
    }

    internal async ValueTask StartAsync()
    {
        if (!await layer.SendAsync(Request, Destination, Protocol))
        {
            Finish(SipResponseFactory.Create(Request, 503, "Transport Error"));
            return;
        }

        interval = layer.Timers.T1;
        if (IsUdp)
        {
            retransmitTimer = layer.Schedule(interval, OnRetransmitTimerAsync);
        }

        timeoutTimer = layer.Schedule(layer.Timers.TransactionTimeout, OnTimeoutTimer);
    }

    internal async ValueTask OnResponseAsync(SipResponse response)
    {
        switch (State)
        {
            case SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding when response.IsProvisional:
                if (IsInvite)
                {
                    retransmitTimer?.Cancel();
                }

                State = SipTransactionState.Proceeding;
                responses.Writer.TryWrite(response);
                break;
            case SipTransactionState.Calling or SipTransactionState.Proceeding when IsInvite && response.IsSuccess:
                StopTimers();
                State = SipTransactionState.Accepted;
                responses.Writer.TryWrite(response);
                layer.Schedule(layer.Timers.TransactionTimeout, Terminate);
                break;
            case SipTransactionState.Calling or SipTransactionState.Proceeding when IsInvite:
                StopTimers();
                State = SipTransactionState.Completed;
                ack = SipAckFactory.ForNon2xx(Request, response);
                await layer.SendAsync(ack, Destination, Protocol);
                responses.Writer.TryWrite(response);
                layer.Schedule(IsUdp ? layer.Timers.TransactionTimeout : TimeSpan.Zero, Terminate);
                break;
            case SipTransactionState.Trying or SipTransactionState.Proceeding:
                StopTimers();
                State = SipTransactionState.Completed;
                responses.Writer.TryWrite(response);
                layer.Schedule(IsUdp ? layer.Timers.T4 : TimeSpan.Zero, Terminate);
                break;
            case SipTransactionState.Accepted when response.IsSuccess:
                // A retransmitted 2xx: the TU (dialog) must ACK it again.
                responses.Writer.TryWrite(response);
                break;
            case SipTransactionState.Completed when IsInvite && ack is not null && response.StatusCode >= 300:
                layer.Counters.OnAbsorbed();
                await layer.SendAsync(ack, Destination, Protocol);
                break;
            default:
                layer.Counters.OnAbsorbed();
                break;
        }
    }

    private async ValueTask OnRetransmitTimerAsync()
    {
        if (State is not (SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return;
        }

        if (IsInvite && State != SipTransactionState.Calling)
        {
            return;
        }

        layer.Counters.OnRetransmission();
        await layer.SendAsync(Request, Destination, Protocol);
        interval = IsInvite ? interval * 2
            : State == SipTransactionState.Proceeding ? layer.Timers.T2 : TimeSpan.FromTicks(Math.Min((interval * 2).Ticks, layer.Timers.T2.Ticks));
        retransmitTimer = layer.Schedule(interval, OnRetransmitTimerAsync);
    }

    private ValueTask OnTimeoutTimer()
    {
        var expired = IsInvite ? State == SipTransactionState.Calling : State is SipTransactionState.Trying or SipTransactionState.Proceeding;
        if (expired)
        {
            layer.Counters.OnTimeout();
            Finish(SipResponseFactory.Create(Request, 408, "Request Timeout"));
        }

        return ValueTask.CompletedTask;
    }

    private void Finish(SipResponse synthesized)
    {
        responses.Writer.TryWrite(synthesized);
        TerminateNow();
    }

    private ValueTask Terminate()
    {
        TerminateNow();
        return ValueTask.CompletedTask;
    }

    private void TerminateNow()
    {
        StopTimers();
        State = SipTransactionState.Terminated;
        responses.Writer.TryComplete();
        layer.Remove(this);
    }

    private void StopTimers()
    {
        retransmitTimer?.Cancel();
        timeoutTimer?.Cancel();
    }
}

using System.Net;
using Voice.Sip.Messages;
using Voice.Sip.Transport;

namespace Voice.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 §17.2). INVITE: 100 Trying is sent at once; final non-2xx responses are
/// retransmitted over UDP until the ACK (timer G, giving up with H); 2xx responses are retransmitted until the
/// dialog's ACK arrives (RFC 3261 §13.3.1.4, RFC 6026 Accepted). Request retransmissions are absorbed and answered
/// with the last response. <see cref="Acknowledged"/> tells the TU whether the ACK came (false: the call must end).
/// </summary>
public sealed class SipServerTransaction
{
    private readonly SipTransactionLayer layer;
    private readonly TaskCompletionSource<bool> acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SipResponse? lastResponse;
    private SipTimerHandle? retransmitTimer;
    private SipTimerHandle? timeoutTimer;
    private TimeSpan interval;

    internal SipServerTransaction(SipTransactionLayer layer, SipRequest request, IPEndPoint remote, SipTransportProtocol protocol, string key)
    {
        this.layer = layer;
        Request = request;
        Remote = remote;
        Protocol = protocol;
        Key = key;
        IsInvite = request.Method == SipMethods.Invite;
        State = IsInvite ? SipTransactionState.Proceeding : SipTransactionState.Trying;
        ResponseDestination = SipResponseRouting.DestinationFor(request, remote, protocol);
        if (!IsInvite)
        {
            acknowledged.TrySetResult(true);
        }
    }

    /// <summary>The request.</summary>
    public SipRequest Request { get; }

    /// <summary>Where the request came from (the transport source).</summary>
    public IPEndPoint Remote { get; }

    /// <summary>Transport the request arrived on.</summary>
    public SipTransportProtocol Protocol { get; }

    /// <summary>Current state (changes on the transaction layer's task).</summary>
    public SipTransactionState State { get; private set; }

    /// <summary>
    /// For INVITE: true once the ACK for the final response arrived, false if it never did (timer H / L). Always
    /// true for other methods.
    /// </summary>
    public Task<bool> Acknowledged => acknowledged.Task;

    /// <summary>True once a final response has been sent.</summary>
    public bool HasFinalResponse => lastResponse is { IsProvisional: false };

    internal string Key { get; }

    internal bool IsInvite { get; }

    private IPEndPoint ResponseDestination { get; }

    private bool IsUdp => Protocol == SipTransportProtocol.Udp;

    /// <summary>
    /// Sends a response (queued to the transaction layer; returns once queued). Responses after the final one are
    /// ignored. Never throws.
    /// </summary>
    public ValueTask SendResponseAsync(SipResponse response)
    {
        layer.Post(() => OnTuResponseAsync(response));
        return ValueTask.CompletedTask;
    }

    internal async ValueTask StartAsync()
    {
        if (IsInvite)
        {
            await OnTuResponseAsync(SipResponseFactory.Create(Request, 100));
        }
    }

    internal async ValueTask OnRetransmittedRequestAsync()
    {
        layer.Counters.OnAbsorbed();
        if (lastResponse is not null && State is not (SipTransactionState.Confirmed or SipTransactionState.Terminated))
        {
            await layer.SendAsync(lastResponse, ResponseDestination, Protocol);
        }
    }

    internal void OnAck()
    {
        if (State == SipTransactionState.Completed)
        {
            retransmitTimer?.Cancel();
            timeoutTimer?.Cancel();
            State = SipTransactionState.Confirmed;
            acknowledged.TrySetResult(true);
            layer.Schedule(IsUdp ? layer.Timers.T4 : TimeSpan.Zero, Terminate);
        }
        else if (State == SipTransactionState.Accepted)
        {
            retransmitTimer?.Cancel();
            acknowledged.TrySetResult(true);
        }
        else
        {
            layer.Counters.OnAbsorbed();
        }
    }

    private async ValueTask OnTuResponseAsync(SipResponse response)
    {
        if (HasFinalResponse || State == SipTransactionState.Terminated)
        {
            return;
        }

        lastResponse = response;
        await layer.SendAsync(response, ResponseDestination, Protocol);
        if (response.IsProvisional)
        {
            if (!IsInvite)
            {
                State = SipTransactionState.Proceeding;
            }

            return;
        }

        interval = layer.Timers.T1;
        if (!IsInvite)
        {
            State = SipTransactionState.Completed;
            layer.Schedule(IsUdp ? layer.Timers.TransactionTimeout : TimeSpan.Zero, Terminate);
            return;
        }

        State = response.IsSuccess ? SipTransactionState.Accepted : SipTransactionState.Completed;
        if (response.IsSuccess)
        {
            layer.TrackAcceptedInvite(this);
        }

        // Over UDP both 2xx (until the dialog's ACK) and non-2xx finals (timer G) are retransmitted.
        if (IsUdp)
        {
            retransmitTimer = layer.Schedule(interval, OnRetransmitTimerAsync);
        }

        timeoutTimer = layer.Schedule(layer.Timers.TransactionTimeout, OnTimeout);
    }

    private async ValueTask OnRetransmitTimerAsync()
    {
        if (State is not (SipTransactionState.Completed or SipTransactionState.Accepted) || acknowledged.Task.IsCompleted || lastResponse is null)
        {
            return;
        }

        layer.Counters.OnRetransmission();
        await layer.SendAsync(lastResponse, ResponseDestination, Protocol);
        interval = TimeSpan.FromTicks(Math.Min((interval * 2).Ticks, layer.Timers.T2.Ticks));
        retransmitTimer = layer.Schedule(interval, OnRetransmitTimerAsync);
    }

    private ValueTask OnTimeout()
    {
        if (!acknowledged.Task.IsCompleted)
        {
            layer.Counters.OnTimeout();
            acknowledged.TrySetResult(false);
        }

        return Terminate();
    }

    private ValueTask Terminate()
    {
        retransmitTimer?.Cancel();
        timeoutTimer?.Cancel();
        State = SipTransactionState.Terminated;
        acknowledged.TrySetResult(false);
        layer.Remove(this);
        return ValueTask.CompletedTask;
    }
}

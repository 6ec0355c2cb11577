using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Voice.Sip.Messages;
using Voice.Sip.Transport;

namespace Voice.Sip.Transactions;

/// <summary>
/// The RFC 3261 §17 transaction layer over one <see cref="ISipTransport"/>. All transaction state is owned by one
/// task that processes a work queue (received messages, timer expiries, TU requests), so nothing runs under a
/// lock and nothing calls up into the TU: new requests go out through <see cref="IncomingRequests"/>, responses
/// through each <see cref="SipClientTransaction.Responses"/>. Responses matching no transaction are dropped and
/// counted; CANCEL is answered here (200 if it matches a pending INVITE, else 481).
/// </summary>
public sealed class SipTransactionLayer : IAsyncDisposable
{
    private readonly ISipTransport transport;
    private readonly SipTimerService timerService = new();
    private readonly Channel<Func<ValueTask>> work = Channel.CreateUnbounded<Func<ValueTask>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<SipIncomingRequest> incoming = Channel.CreateUnbounded<SipIncomingRequest>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Dictionary<string, SipClientTransaction> clients = [];
    private readonly Dictionary<string, SipServerTransaction> servers = [];
    private readonly Dictionary<string, SipServerTransaction> acceptedInvites = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly Task pump;
    private int activeCount;

    /// <summary>Starts processing messages from <paramref name="transport"/>.</summary>
    public SipTransactionLayer(ISipTransport transport, SipTimerSettings? timers = null)
    {
        this.transport = transport;
        Timers = timers ?? new SipTimerSettings();
        loop = Task.Run(RunAsync);
        pump = Task.Run(PumpAsync);
    }

    /// <summary>Timer values in use.</summary>
    public SipTimerSettings Timers { get; }

    /// <summary>Counters (retransmissions, strays, timeouts).</summary>
    public SipTransactionCounters Counters { get; } = new();

    /// <summary>The transport below.</summary>
    public ISipTransport Transport => transport;

    /// <summary>New requests for the TU (including CANCELs that matched a pending INVITE, and ACKs to 2xx).</summary>
    public ChannelReader<SipIncomingRequest> IncomingRequests => incoming.Reader;

    /// <summary>Number of live transactions (client + server).</summary>
    public int ActiveTransactions => Volatile.Read(ref activeCount);

    /// <summary>A new RFC 3261 branch id (magic cookie + 64 random bits).</summary>
    public static string NewBranch() => SipVia.MagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// Starts a client transaction. If <paramref name="request"/> has no Via, one is added with this transport's
    /// advertised address, a new branch and rport. Never throws: failures arrive as a synthesized 503 or 408.
    /// </summary>
    public SipClientTransaction SendRequest(SipRequest request, IPEndPoint destination, SipTransportProtocol protocol)
    {
        if (request.TopVia?.Branch is null)
        {
            request.Headers.Remove(SipHeaderNames.Via);
            var via = new SipVia(protocol == SipTransportProtocol.Tcp ? "TCP" : "UDP", transport.AdvertisedHost, transport.AdvertisedPort, NewBranch());
            via.Parameters.Set("rport", null);
            request.Headers.Prepend(SipHeaderNames.Via, via.ToString());
        }

        var key = SipTransactionKeys.ForClient(request.TopVia!.Branch!, request.Method);
        var transaction = new SipClientTransaction(this, request, destination, protocol, key);
        Post(async () =>
        {
            clients[key] = transaction;
            Interlocked.Increment(ref activeCount);
            await transaction.StartAsync();
        });
        return transaction;
    }

    /// <summary>Sends a message outside any transaction (the ACK for a 2xx, or a stateless response).</summary>
    public ValueTask<bool> SendStatelessAsync(SipMessage message, IPEndPoint destination, SipTransportProtocol protocol) =>
        transport.SendAsync(message, destination, protocol, stopping.Token);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        work.Writer.TryComplete();
        incoming.Writer.TryComplete();
        await Task.WhenAll(loop, pump);
        await timerService.DisposeAsync();
        stopping.Dispose();
    }

    internal void Post(Func<ValueTask> item) => work.Writer.TryWrite(item);

    internal SipTimerHandle Schedule(TimeSpan delay, Func<ValueTask> onLoop) => timerService.Schedule(delay, () => Post(onLoop));

    internal async ValueTask<bool> SendAsync(SipMessage message, IPEndPoint destination, SipTransportProtocol protocol)
    {
        try
        {
            return await transport.SendAsync(message, destination, protocol, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    internal void Remove(SipClientTransaction transaction)
    {
        if (clients.Remove(transaction.Key))
        {
            Interlocked.Decrement(ref activeCount);
        }
    }

    internal void Remove(SipServerTransaction transaction)
    {
        if (servers.Remove(transaction.Key))
        {
            Interlocked.Decrement(ref activeCount);
        }

        if (AckKey(transaction.Request) is { } ackKey && acceptedInvites.GetValueOrDefault(ackKey) == transaction)
        {
            acceptedInvites.Remove(ackKey);
        }
    }

    internal void TrackAcceptedInvite(SipServerTransaction transaction)
    {
        if (AckKey(transaction.Request) is { } key)
        {
            acceptedInvites[key] = transaction;
        }
    }

    // The ACK for a 2xx is a new transaction; it is matched to the INVITE by Call-ID, CSeq number and From tag.
    private static string? AckKey(SipRequest request) =>
        request.CSeq is { } cseq ? $"{request.CallId}|{cseq.Number}|{request.From?.Tag}" : null;

    private async Task RunAsync()
    {
        await foreach (var item in work.Reader.ReadAllAsync())
        {
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await item();
            }
            catch (Exception)
            {
                // A bug in one transaction must not stop the layer; the transaction simply stalls until its timers end it.
                Counters.OnInternalError();
            }
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var inbound in transport.Incoming.ReadAllAsync(stopping.Token))
            {
                Post(() => OnInboundAsync(inbound));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async ValueTask OnInboundAsync(SipInboundMessage inbound)
    {
        if (inbound.Message is SipResponse response)
        {
            if (SipTransactionKeys.ForClient(response) is { } clientKey && clients.TryGetValue(clientKey, out var client))
            {
                await client.OnResponseAsync(response);
            }
            else
            {
                Counters.OnStrayResponse();
            }

            return;
        }

        var request = (SipRequest)inbound.Message;
        if (SipTransactionKeys.ForServer(request) is not { } key)
        {
            return;
        }

        if (request.Method == SipMethods.Ack)
        {
            OnAck(request, key, inbound);
            return;
        }

        if (servers.TryGetValue(key, out var existing))
        {
            await existing.OnRetransmittedRequestAsync();
            return;
        }

        var transaction = new SipServerTransaction(this, request, inbound.Remote, inbound.Protocol, key);
        servers[key] = transaction;
        Interlocked.Increment(ref activeCount);
        await transaction.StartAsync();
        if (request.Method == SipMethods.Cancel)
        {
            await OnCancelAsync(transaction, inbound);
            return;
        }

        incoming.Writer.TryWrite(new SipIncomingRequest(request, inbound.Remote, inbound.Protocol, transaction));
    }

    private void OnAck(SipRequest ack, string key, SipInboundMessage inbound)
    {
        if (servers.TryGetValue(key, out var invite) && invite.State == SipTransactionState.Completed)
        {
            invite.OnAck();
            return;
        }

        if (AckKey(ack) is { } ackKey && acceptedInvites.TryGetValue(ackKey, out var accepted))
        {
            accepted.OnAck();
        }

        incoming.Writer.TryWrite(new SipIncomingRequest(ack, inbound.Remote, inbound.Protocol, null));
    }

    private async ValueTask OnCancelAsync(SipServerTransaction cancel, SipInboundMessage inbound)
    {
        var inviteKey = SipTransactionKeys.ForServer(cancel.Request, SipMethods.Invite);
        if (inviteKey is null || !servers.TryGetValue(inviteKey, out var invite) || !invite.IsInvite)
        {
            await cancel.SendResponseAsync(SipResponseFactory.Create(cancel.Request, 481));
            return;
        }

        await cancel.SendResponseAsync(SipResponseFactory.Create(cancel.Request, 200));
        if (!invite.HasFinalResponse)
        {
            incoming.Writer.TryWrite(new SipIncomingRequest(cancel.Request, inbound.Remote, inbound.Protocol, cancel) { CancelledInvite = invite });
        }
    }
}

using System.Net;
using Voice.Sip.Messages;
using Voice.Sip.Transactions;
using Voice.Sip.Transport;
using Voice.Testing;

namespace Voice.Sip.Tests.Transactions;

/// <summary>A transport (wrapped for loss) and a transaction layer with shrunk timers, on a loopback port.</summary>
internal sealed class TransactionStack : IAsyncDisposable
{
    public static readonly SipTimerSettings FastTimers = new()
    {
        // 64·T1 = 3.2 s: short for tests, long enough for a loaded CI machine to answer before timer B/F.
        T1 = TimeSpan.FromMilliseconds(50),
        T2 = TimeSpan.FromMilliseconds(400),
        T4 = TimeSpan.FromMilliseconds(500),
    };

    private TransactionStack(SipTransport transport)
    {
        Transport = transport;
        Lossy = new LossyTransport(transport);
        Layer = new SipTransactionLayer(Lossy, FastTimers);
    }

    public SipTransport Transport { get; }

    public LossyTransport Lossy { get; }

    public SipTransactionLayer Layer { get; }

    public IPEndPoint EndPoint => Transport.LocalEndPoint;

    public static TransactionStack Start() =>
        new(SipTransport.Start(new SipTransportOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, FreePorts.Next()) }));

    public SipRequest NewRequest(string method, TransactionStack target, string callId = "tx-call")
    {
        var request = new SipRequest(method, SipUri.Parse($"sip:bob@{target.EndPoint}")!);
        request.Headers.Add("From", $"<sip:alice@{EndPoint}>;tag=alice1");
        request.Headers.Add("To", $"<sip:bob@{target.EndPoint}>");
        request.Headers.Add("Call-ID", callId);
        request.Headers.Add("CSeq", $"1 {method}");
        request.Headers.Add("Max-Forwards", "70");
        return request;
    }

    public async Task<SipIncomingRequest> NextRequestAsync() =>
        await SipTestMessages.Within(Layer.IncomingRequests.ReadAsync().AsTask());

    public async ValueTask DisposeAsync()
    {
        await Layer.DisposeAsync();
        await Transport.DisposeAsync();
    }
}

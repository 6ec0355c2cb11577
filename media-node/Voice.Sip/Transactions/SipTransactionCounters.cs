namespace Voice.Sip.Transactions;

/// <summary>Counters of the transaction layer. Thread-safe.</summary>
public sealed class SipTransactionCounters
{
    private long retransmissions;
    private long absorbedRetransmissions;
    private long strayResponses;
    private long timeouts;
    private long internalErrors;

    /// <summary>Requests and responses re-sent by timers A, E and G or 2xx retransmission.</summary>
    public long Retransmissions => Interlocked.Read(ref retransmissions);

    /// <summary>Retransmitted requests and responses recognised and absorbed.</summary>
    public long AbsorbedRetransmissions => Interlocked.Read(ref absorbedRetransmissions);

    /// <summary>Responses that matched no client transaction (dropped, RFC 3261 §18.1.2).</summary>
    public long StrayResponses => Interlocked.Read(ref strayResponses);

    /// <summary>Transactions ended by timers B, F or H.</summary>
    public long Timeouts => Interlocked.Read(ref timeouts);

    /// <summary>Work items that threw (should stay 0).</summary>
    public long InternalErrors => Interlocked.Read(ref internalErrors);

    internal void OnInternalError() => Interlocked.Increment(ref internalErrors);

    internal void OnRetransmission() => Interlocked.Increment(ref retransmissions);

    internal void OnAbsorbed() => Interlocked.Increment(ref absorbedRetransmissions);

    internal void OnStrayResponse() => Interlocked.Increment(ref strayResponses);

    internal void OnTimeout() => Interlocked.Increment(ref timeouts);
}

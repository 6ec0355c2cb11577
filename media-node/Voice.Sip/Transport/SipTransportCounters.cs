namespace Voice.Sip.Transport;

/// <summary>Monotonic counters of what a transport saw; read them for metrics. Thread-safe.</summary>
public sealed class SipTransportCounters
{
    private long received;
    private long sent;
    private long sendFailures;
    private long malformedDropped;
    private long malformedRejected;
    private long queueFullDropped;
    private long connectionsOpened;
    private long connectionsClosed;

    /// <summary>Valid messages handed upward.</summary>
    public long Received => Interlocked.Read(ref received);

    /// <summary>Messages written to the network.</summary>
    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Sends that failed (unreachable, refused, closed).</summary>
    public long SendFailures => Interlocked.Read(ref sendFailures);

    /// <summary>Malformed input dropped without a response (bad responses, unanswerable requests, unframeable streams).</summary>
    public long MalformedDropped => Interlocked.Read(ref malformedDropped);

    /// <summary>Malformed requests answered with 400/505.</summary>
    public long MalformedRejected => Interlocked.Read(ref malformedRejected);

    /// <summary>Valid messages dropped because the upward queue was full.</summary>
    public long QueueFullDropped => Interlocked.Read(ref queueFullDropped);

    /// <summary>TCP connections opened (either direction).</summary>
    public long ConnectionsOpened => Interlocked.Read(ref connectionsOpened);

    /// <summary>TCP connections closed (idle, error or shutdown).</summary>
    public long ConnectionsClosed => Interlocked.Read(ref connectionsClosed);

    internal void OnReceived() => Interlocked.Increment(ref received);

    internal void OnSent() => Interlocked.Increment(ref sent);

    internal void OnSendFailure() => Interlocked.Increment(ref sendFailures);

    internal void OnMalformedDropped() => Interlocked.Increment(ref malformedDropped);

    internal void OnMalformedRejected() => Interlocked.Increment(ref malformedRejected);

    internal void OnQueueFull() => Interlocked.Increment(ref queueFullDropped);

    internal void OnConnectionOpened() => Interlocked.Increment(ref connectionsOpened);

    internal void OnConnectionClosed() => Interlocked.Increment(ref connectionsClosed);
}

namespace Voice.MediaNode.Streaming;

/// <summary>
/// How a stream whose connection breaks tries again: up to three attempts, 0.5, 1 and 2 s after the break (the
/// audio meanwhile is dropped and counted; a stream peer cannot use 10 s old audio). A connection that comes back
/// starts the count again. A peer that closes the WebSocket itself is not reconnected: it meant to end the stream.
/// The first connection gets no retry: a wrong URL is reported at once as streaming failed.
/// </summary>
internal static class StreamReconnectPolicy
{
    /// <summary>The WebSocket handshake timeout.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The waits before each reconnect attempt.</summary>
    public static readonly IReadOnlyList<TimeSpan> Delays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
}

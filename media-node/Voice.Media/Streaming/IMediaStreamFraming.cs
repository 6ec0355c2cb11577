namespace Voice.Media.Streaming;

/// <summary>
/// The wire format of one dialect's media stream (Telnyx JSON with base64 media, Vonage binary L16 with JSON
/// events). One instance per stream: it numbers the messages it makes. Called from one task at a time.
/// </summary>
public interface IMediaStreamFraming
{
    /// <summary>True when each track is sent as its own message; false when both tracks are mixed into one (Vonage).</summary>
    bool SeparateTracks { get; }

    /// <summary>The messages that open the stream (sent again after a reconnect).</summary>
    IReadOnlyList<StreamMessage> Opening(StreamSessionInfo info);

    /// <summary>One frame of one track, already encoded in the stream's format; the message may share a buffer with the next one, so send it first.</summary>
    /// <param name="track">Inbound or Outbound (or Both for a mix).</param>
    /// <param name="payload">The encoded audio.</param>
    /// <param name="elapsed">The frame's time since the stream started.</param>
    StreamMessage Audio(StreamTracks track, ReadOnlySpan<byte> payload, TimeSpan elapsed);

    /// <summary>A DTMF digit the caller pressed.</summary>
    StreamMessage Dtmf(char digit, int durationMs);

    /// <summary>A mark whose audio has played; null when the framing has no marks.</summary>
    StreamMessage? MarkReached(string name);

    /// <summary>The answer to a clear; null when the framing sends none.</summary>
    StreamMessage? Cleared();

    /// <summary>The message that tells the peer a message of its was refused; null when the framing has none.</summary>
    StreamMessage? Refused(string detail);

    /// <summary>The last message before the close; null when closing says it all.</summary>
    StreamMessage? Closing();

    /// <summary>Reads a message from the peer.</summary>
    StreamInbound Decode(ReadOnlySpan<byte> message, bool isText);
}

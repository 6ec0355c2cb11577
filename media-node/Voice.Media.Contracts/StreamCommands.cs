namespace Voice.Media.Contracts;

/// <summary>
/// Start streaming the call's audio to a WebSocket (the node is the client). The node answers with
/// <see cref="StreamStartedEvent"/> once connected, or <see cref="StreamFailedEvent"/>; <see cref="StreamStoppedEvent"/>
/// follows the end.
/// </summary>
public sealed record StartStreamCommand : MediaCommand
{
    /// <summary>The stream's id, chosen by the engine; unique within the call.</summary>
    public required string StreamId { get; init; }

    /// <summary>A ws:// or wss:// URL.</summary>
    public required string Url { get; init; }

    /// <summary>The wire format: <c>telnyx</c> or <c>vonage</c>.</summary>
    public string Framing { get; init; } = StreamFramings.Telnyx;

    /// <summary><c>inbound</c> (what the phone says, the default), <c>outbound</c> (what it hears) or <c>both</c>.</summary>
    public string Track { get; init; } = "inbound";

    /// <summary>PCMU, PCMA or L16.</summary>
    public string Codec { get; init; } = "PCMU";

    /// <summary>8000 or 16000 (L16 only).</summary>
    public int SampleRate { get; init; } = 8000;

    /// <summary>Play the audio the peer sends back into the call.</summary>
    public bool Bidirectional { get; init; }

    /// <summary>The codec of the audio sent back; null: as <see cref="Codec"/>.</summary>
    public string? ReturnCodec { get; init; }

    /// <summary>The sample rate of the audio sent back; null: as <see cref="SampleRate"/>.</summary>
    public int? ReturnSampleRate { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> on the WebSocket handshake.</summary>
    public string? AuthToken { get; init; }

    /// <summary>The opening message's fields (Telnyx <c>start</c>, Vonage <c>websocket:connected</c> headers).</summary>
    public IReadOnlyDictionary<string, string>? Fields { get; init; }

    /// <summary>The user's custom parameters (Telnyx <c>custom_parameters</c>).</summary>
    public IReadOnlyDictionary<string, string>? CustomParameters { get; init; }
}

/// <summary>Stop one stream, or every stream of the call when <see cref="StreamId"/> is null.</summary>
public sealed record StopStreamCommand : MediaCommand
{
    public string? StreamId { get; init; }
}

/// <summary>The stream wire formats the node speaks.</summary>
public static class StreamFramings
{
    public const string Telnyx = "telnyx";

    public const string Vonage = "vonage";
}

namespace Voice.Core.Commands;

/// <summary>
/// Stream the call's audio to a WebSocket (the media-node connects to <see cref="Url"/>), in a dialect's wire format
/// (<see cref="Framing"/>: telnyx or vonage). Reported as streaming started, then stopped or failed. The dialect fills
/// <see cref="Fields"/>, what its opening message says about the call, in its own names.
/// </summary>
public sealed record StartStreaming : CallCommand
{
    /// <summary>The stream's id, chosen by the dialect (Telnyx: a UUID); unique within the call.</summary>
    public required string StreamId { get; init; }

    public required string Url { get; init; }

    public string Framing { get; init; } = "telnyx";

    /// <summary>inbound, outbound or both.</summary>
    public string Track { get; init; } = "inbound";

    /// <summary>PCMU, PCMA or L16.</summary>
    public string Codec { get; init; } = "PCMU";

    public int SampleRate { get; init; } = 8000;

    /// <summary>The peer's audio is played into the call.</summary>
    public bool Bidirectional { get; init; }

    public string? ReturnCodec { get; init; }

    public int? ReturnSampleRate { get; init; }

    public string? AuthToken { get; init; }

    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> CustomParameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>Stop one stream of the call, or all of them when <see cref="StreamId"/> is null.</summary>
public sealed record StopStreaming : CallCommand
{
    public string? StreamId { get; init; }
}

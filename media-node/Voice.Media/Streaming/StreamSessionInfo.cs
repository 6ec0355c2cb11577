namespace Voice.Media.Streaming;

/// <summary>What a framing tells the stream peer about the stream when it connects.</summary>
public sealed record StreamSessionInfo
{
    /// <summary>The stream's id (Telnyx <c>stream_id</c>).</summary>
    public required string StreamId { get; init; }

    /// <summary>The format of the audio we send.</summary>
    public required StreamAudioFormat Format { get; init; }

    /// <summary>The tracks we send.</summary>
    public required StreamTracks Tracks { get; init; }

    /// <summary>
    /// Fields of the opening message, as the dialect names them: Telnyx's <c>start</c> object (<c>call_control_id</c>,
    /// <c>from</c>, <c>to</c>, <c>client_state</c>…), Vonage's <c>websocket:connected</c> headers.
    /// </summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>The user's custom parameters (Telnyx <c>custom_parameters</c>); empty when none.</summary>
    public IReadOnlyDictionary<string, string> CustomParameters { get; init; } = new Dictionary<string, string>();
}

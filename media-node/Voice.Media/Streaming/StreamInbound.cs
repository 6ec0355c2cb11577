namespace Voice.Media.Streaming;

/// <summary>What a message from the stream peer asks for.</summary>
public enum StreamInboundKind
{
    /// <summary>Audio to play (in <see cref="StreamInbound.Audio"/>, in the stream's return format).</summary>
    Audio,

    /// <summary>Flush the audio not yet played.</summary>
    Clear,

    /// <summary>Report <see cref="StreamInbound.Name"/> back once the audio sent before it has played.</summary>
    Mark,

    /// <summary>A well-formed message we have no use for (a future event, a Vonage <c>notify</c>).</summary>
    Ignored,

    /// <summary>A message we cannot read; <see cref="StreamInbound.Error"/> says why.</summary>
    Malformed,
}

/// <summary>A decoded message from the stream peer.</summary>
/// <param name="Kind">What it asks for.</param>
/// <param name="Audio">The audio bytes for <see cref="StreamInboundKind.Audio"/>.</param>
/// <param name="Name">The mark name for <see cref="StreamInboundKind.Mark"/>.</param>
/// <param name="Error">Why a malformed message was refused.</param>
public readonly record struct StreamInbound(StreamInboundKind Kind, ReadOnlyMemory<byte> Audio = default, string? Name = null, string? Error = null)
{
    /// <summary>A malformed message.</summary>
    public static StreamInbound Malformed(string error) => new(StreamInboundKind.Malformed, Error: error);
}

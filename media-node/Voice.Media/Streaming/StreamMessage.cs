namespace Voice.Media.Streaming;

/// <summary>One WebSocket message to send: UTF-8 JSON text or binary audio.</summary>
/// <param name="Payload">The message bytes.</param>
/// <param name="IsText">True for a text message.</param>
public readonly record struct StreamMessage(ReadOnlyMemory<byte> Payload, bool IsText);

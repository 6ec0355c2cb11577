namespace Voice.Media.Streaming;

/// <summary>One tick's audio taken by a <see cref="MediaStreamFork"/>: the frame number and the tracks it carries.</summary>
/// <param name="Index">Frames since the fork started (0, 1, …); gaps mean frames were dropped.</param>
/// <param name="Inbound">The received frame when the fork takes the inbound track: a pooled array whose first 160 samples are the frame (<see cref="MediaStreamFork.Return"/> when done).</param>
/// <param name="Outbound">The sent frame, pooled likewise.</param>
public readonly record struct ForkedFrame(long Index, short[]? Inbound, short[]? Outbound);

using System.Buffers;
using System.Threading.Channels;
using Voice.Media.Taps;

namespace Voice.Media.Streaming;

/// <summary>
/// Forks a leg's audio to a consumer that runs on its own task (a WebSocket sender). <see cref="OnFrame"/> runs on the
/// media clock: it copies the chosen tracks into a bounded queue and never waits; when the consumer falls behind by
/// more than <see cref="Capacity"/> frames the new frame is dropped and counted, so a slow or stalled stream peer
/// costs the call nothing.
/// </summary>
public sealed class MediaStreamFork : IMediaFrameTap
{
    /// <summary>Frames held for a slow consumer: 2.5 s.</summary>
    public const int Capacity = 125;

    private readonly Channel<ForkedFrame> _frames = Channel.CreateBounded<ForkedFrame>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _index;
    private long _dropped;

    /// <summary>A fork of <paramref name="tracks"/>.</summary>
    public MediaStreamFork(StreamTracks tracks)
    {
        if (tracks == StreamTracks.None)
        {
            throw new ArgumentException("a fork needs at least one track", nameof(tracks));
        }

        Tracks = tracks;
    }

    /// <summary>The tracks taken.</summary>
    public StreamTracks Tracks { get; }

    /// <summary>The frames, in order, for the consumer; completed by <see cref="Complete"/>.</summary>
    public ChannelReader<ForkedFrame> Frames => _frames.Reader;

    /// <summary>Frames dropped because the consumer was behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <inheritdoc />
    public void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent)
    {
        var frame = new ForkedFrame(
            _index++,
            Tracks.HasFlag(StreamTracks.Inbound) ? Copy(received) : null,
            Tracks.HasFlag(StreamTracks.Outbound) ? Copy(sent) : null);
        if (!_frames.Writer.TryWrite(frame))
        {
            Interlocked.Increment(ref _dropped);
            Return(frame);
        }
    }

    /// <summary>Gives a consumed frame's buffers back to the pool (they are rented, so the clock allocates nothing).</summary>
    public static void Return(ForkedFrame frame)
    {
        if (frame.Inbound is { } inbound)
        {
            ArrayPool<short>.Shared.Return(inbound);
        }

        if (frame.Outbound is { } outbound)
        {
            ArrayPool<short>.Shared.Return(outbound);
        }
    }

    private static short[] Copy(ReadOnlySpan<short> samples)
    {
        var copy = ArrayPool<short>.Shared.Rent(samples.Length);
        samples.CopyTo(copy);
        return copy;
    }

    /// <summary>Ends the frame sequence (after the fork was removed from the session).</summary>
    public void Complete() => _frames.Writer.TryComplete();
}

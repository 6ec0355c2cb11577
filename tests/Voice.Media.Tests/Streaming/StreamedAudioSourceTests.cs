using Voice.Media.Streaming;

namespace Voice.Media.Tests.Streaming;

public class StreamedAudioSourceTests
{
    [Fact]
    public void Appended_audio_plays_in_order_then_reads_as_nothing()
    {
        var source = new StreamedAudioSource();
        source.Append(Enumerable.Range(1, 200).Select(i => (short)i).ToArray());
        var frame = new short[160];

        Assert.True(source.Read(frame));
        Assert.Equal(1, frame[0]);
        Assert.True(source.Read(frame));
        Assert.Equal(161, frame[0]);
        Assert.Equal(0, frame[40]); // padded with silence
        Assert.False(source.Read(frame));
        Assert.All(frame, s => Assert.Equal(0, s));
    }

    [Fact]
    public void A_mark_is_reached_only_after_the_audio_before_it_played()
    {
        var source = new StreamedAudioSource();
        source.Append(new short[320]);
        source.Mark("after-two-frames");
        var frame = new short[160];

        source.Read(frame);
        Assert.False(source.TryTakeReachedMark(out _));
        source.Read(frame);
        Assert.True(source.TryTakeReachedMark(out var name));
        Assert.Equal("after-two-frames", name);
    }

    [Fact]
    public void Clear_drops_the_buffer_and_reaches_pending_marks()
    {
        var source = new StreamedAudioSource();
        source.Append(new short[8000]);
        source.Mark("m");

        source.Clear();

        Assert.Equal(0, source.Buffered);
        Assert.True(source.TryTakeReachedMark(out var name));
        Assert.Equal("m", name);
        Assert.False(source.Read(new short[160]));
    }

    [Fact]
    public void Audio_past_the_bound_is_dropped_and_counted()
    {
        var source = new StreamedAudioSource();
        source.Append(new short[StreamedAudioSource.CapacitySamples - 100]);
        source.Append(new short[300]);

        Assert.Equal(StreamedAudioSource.CapacitySamples, source.Buffered);
        Assert.Equal(200, source.DroppedSamples);
    }

    [Fact]
    public void A_buffer_that_grows_keeps_order_and_marks_across_the_wrap()
    {
        var source = new StreamedAudioSource();
        var frame = new short[160];
        source.Append(Enumerable.Range(0, 7_000).Select(i => (short)(i % 1000)).ToArray());
        for (var i = 0; i < 40; i++)
        {
            source.Read(frame); // 6,400 samples read: the next append wraps the 8,000-sample ring, then grows it
        }

        source.Mark("end");
        source.Append(Enumerable.Range(7_000, 20_000).Select(i => (short)(i % 1000)).ToArray());
        var all = new List<short>();
        while (source.Read(frame))
        {
            all.AddRange(frame);
        }

        Assert.Equal(Enumerable.Range(6_400, 20_600).Select(i => (short)(i % 1000)), all.Take(20_600));
        Assert.True(source.TryTakeReachedMark(out var name));
        Assert.Equal("end", name);
    }

    [Fact]
    public void A_fork_drops_and_counts_frames_when_its_consumer_is_behind()
    {
        var fork = new MediaStreamFork(StreamTracks.Inbound);
        var frame = new short[160];
        for (var i = 0; i < MediaStreamFork.Capacity + 10; i++)
        {
            fork.OnFrame(frame, frame);
        }

        Assert.Equal(10, fork.Dropped);
        Assert.True(fork.Frames.TryRead(out var first));
        Assert.Equal(0, first.Index);
        Assert.NotNull(first.Inbound);
        Assert.Null(first.Outbound);
    }
}

using Voice.Media.Taps;

namespace Voice.Media.Tests.Taps;

public class AnswerAudioBufferTests
{
    [Fact]
    public void A_target_attached_later_gets_the_kept_frames_then_every_new_one_in_order()
    {
        var buffer = new AnswerAudioBuffer(seconds: 1);
        for (short i = 1; i <= 3; i++)
        {
            buffer.OnFrame(Frame(i), Frame(0));
        }

        var target = new RecordingTap();
        buffer.Attach(target);
        buffer.OnFrame(Frame(4), Frame(9));

        Assert.Equal([1, 2, 3, 4], target.Received);
        Assert.Equal([0, 0, 0, 9], target.Sent);
    }

    [Fact]
    public void The_kept_audio_is_given_once_and_a_detached_target_hears_nothing_more()
    {
        var buffer = new AnswerAudioBuffer(seconds: 1);
        buffer.OnFrame(Frame(1), Frame(0));
        var first = new RecordingTap();
        var second = new RecordingTap();

        buffer.Attach(first);
        buffer.Detach(first);
        buffer.OnFrame(Frame(2), Frame(0));
        buffer.Attach(second);
        buffer.OnFrame(Frame(3), Frame(0));

        Assert.Equal([1], first.Received);
        Assert.Equal([3], second.Received);
    }

    [Fact]
    public void Audio_kept_across_its_one_second_chunks_is_replayed_whole_and_in_order()
    {
        var buffer = new AnswerAudioBuffer(seconds: 2);
        for (short i = 1; i <= 75; i++)
        {
            buffer.OnFrame(Frame(i), Frame(0));
        }

        Assert.True(buffer.NeedsFrames);
        var target = new RecordingTap();
        buffer.Attach(target);
        buffer.OnFrame(Frame(76), Frame(0));

        Assert.Equal(Enumerable.Range(1, 76).Select(i => (short)i), target.Received);
        buffer.Detach(target);
        Assert.False(buffer.NeedsFrames);
    }

    [Fact]
    public void Full_and_with_nothing_attached_it_needs_no_frames()
    {
        var buffer = new AnswerAudioBuffer(seconds: 0.1);
        for (short i = 1; i <= 4; i++)
        {
            buffer.OnFrame(Frame(i), Frame(0));
        }

        Assert.True(buffer.NeedsFrames);
        buffer.OnFrame(Frame(5), Frame(0));
        Assert.False(buffer.NeedsFrames);
        Assert.Equal(5, buffer.KeptFrames);
    }

    [Fact]
    public void Past_its_capacity_it_keeps_nothing_and_a_late_target_starts_live()
    {
        var buffer = new AnswerAudioBuffer(seconds: 0.1);
        for (short i = 1; i <= 8; i++)
        {
            buffer.OnFrame(Frame(i), Frame(0));
        }

        var target = new RecordingTap();
        buffer.Attach(target);
        buffer.OnFrame(Frame(9), Frame(0));

        Assert.Equal([9], target.Received);
    }

    private static short[] Frame(short value) => Enumerable.Repeat(value, 160).ToArray();

    private sealed class RecordingTap : IMediaFrameTap
    {
        public List<short> Received { get; } = [];

        public List<short> Sent { get; } = [];

        public void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent)
        {
            Received.Add(received[0]);
            Sent.Add(sent[0]);
        }
    }
}

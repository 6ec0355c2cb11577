using Voice.Media.Vad;

namespace Voice.Media.Tests.Vad;

public class SpeechSegmenterTests
{
    [Fact]
    public void Speech_starts_after_min_speech_and_ends_after_min_silence()
    {
        var segmenter = new SpeechSegmenter(new SpeechSegmenterOptions { MinSpeech = TimeSpan.FromMilliseconds(64), MinSilence = TimeSpan.FromMilliseconds(96) });
        var edges = Push(segmenter, 0.1f, 0.1f, 0.9f, 0.9f, 0.9f, 0.2f, 0.2f, 0.2f, 0.1f);

        Assert.Equal([SpeechEdge.None, SpeechEdge.None, SpeechEdge.None, SpeechEdge.Started, SpeechEdge.None, SpeechEdge.None, SpeechEdge.None, SpeechEdge.Ended, SpeechEdge.None], edges);
        Assert.Equal(TimeSpan.FromMilliseconds(64), segmenter.SegmentStart);
        Assert.Equal(TimeSpan.FromMilliseconds(160), segmenter.SegmentEnd);
        Assert.Equal(1, segmenter.Segments);
    }

    [Fact]
    public void A_single_loud_window_is_not_speech()
    {
        var segmenter = new SpeechSegmenter();
        Assert.DoesNotContain(SpeechEdge.Started, Push(segmenter, 0.1f, 0.95f, 0.1f, 0.95f, 0.1f));
    }

    [Fact]
    public void Probabilities_between_the_thresholds_keep_speech_going()
    {
        var segmenter = new SpeechSegmenter();
        var edges = Push(segmenter, 0.9f, 0.9f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f);
        Assert.Equal(SpeechEdge.Started, edges[1]);
        Assert.DoesNotContain(SpeechEdge.Ended, edges);
        Assert.True(segmenter.IsSpeech);
    }

    [Fact]
    public void A_short_dip_inside_speech_does_not_end_it()
    {
        var segmenter = new SpeechSegmenter(new SpeechSegmenterOptions { MinSilence = TimeSpan.FromMilliseconds(100) });
        var edges = Push(segmenter, 0.9f, 0.9f, 0.1f, 0.1f, 0.9f, 0.1f, 0.1f, 0.1f, 0.1f);
        Assert.Single(edges, e => e == SpeechEdge.Started);
        Assert.Single(edges, e => e == SpeechEdge.Ended);
        Assert.Equal(TimeSpan.FromMilliseconds(160), segmenter.SegmentEnd);
    }

    [Fact]
    public void An_end_threshold_above_the_start_threshold_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SpeechSegmenter(new SpeechSegmenterOptions { StartThreshold = 0.3f, EndThreshold = 0.6f }));
    }

    private static SpeechEdge[] Push(SpeechSegmenter segmenter, params float[] probabilities) =>
        probabilities.Select(segmenter.Push).ToArray();
}

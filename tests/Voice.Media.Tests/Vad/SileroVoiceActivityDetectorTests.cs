using Voice.Media.Vad;

namespace Voice.Media.Tests.Vad;

public class SileroVoiceActivityDetectorTests
{
    [Fact]
    public async Task Speech_scores_high_and_silence_and_noise_score_low()
    {
        var speech = await Signals.SpeechAsync("hello, this is a test of the voice activity detector", "en-us");
        Assert.True(MaxScore(speech) > 0.9f, "speech never scored as speech");
        Assert.True(MaxScore(Signals.Silence(2000)) < 0.1f, "silence scored as speech");
        Assert.True(MaxScore(Signals.Noise(2000, 1000)) < 0.3f, "white noise scored as speech");
        Assert.True(MaxScore(Signals.Tone(1000, 1000)) < 0.5f, "a beep scored as speech");
    }

    [Fact]
    public async Task Segments_of_speech_between_silences_are_found_near_their_true_edges()
    {
        var speech = await Signals.SpeechAsync("good morning", "en-us");
        var (first, last) = VoicedExtent(speech);
        var audio = Signals.Concat(Signals.Silence(1000), speech, Signals.Silence(1000));
        var segments = Segment(audio, Signals.Noise(audio.Length / 8, 300, seed: 3));

        var segment = Assert.Single(segments);
        Assert.InRange(segment.Start.TotalMilliseconds, 1000 + first - 150, 1000 + first + 150);
        Assert.InRange(segment.End.TotalMilliseconds, 1000 + last - 150, 1000 + last + 250);
    }

    [Fact]
    public void Noise_alone_gives_no_segment()
    {
        Assert.Empty(Segment(Signals.Noise(3000, 2000, seed: 5), []));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(160)]
    [InlineData(255)]
    [InlineData(257)]
    [InlineData(512)]
    public void A_window_of_the_wrong_size_is_refused(int samples)
    {
        using var detector = SileroModelFile.Model.CreateDetector();
        Assert.Throws<ArgumentException>(() => detector.Score(new short[samples]));
    }

    [Fact]
    public void A_missing_model_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.onnx");
        var error = Assert.Throws<VadModelUnavailableException>(() => SileroVadModel.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_reported()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, "this is not an onnx model"u8.ToArray());
        try
        {
            var error = Assert.Throws<VadModelUnavailableException>(() => SileroVadModel.Load(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_disposed_detector_refuses_to_score()
    {
        var detector = SileroModelFile.Model.CreateDetector();
        detector.Dispose();
        Assert.Throws<ObjectDisposedException>(() => detector.Score(new short[256]));
    }

    private static float MaxScore(short[] audio)
    {
        using var detector = SileroModelFile.Model.CreateDetector();
        var max = 0f;
        for (var i = 0; i + 256 <= audio.Length; i += 256)
        {
            max = Math.Max(max, detector.Score(audio.AsSpan(i, 256)));
        }

        return max;
    }

    private static List<(TimeSpan Start, TimeSpan End)> Segment(short[] audio, short[] noise)
    {
        var mixed = Signals.Add(audio, noise);
        using var detector = SileroModelFile.Model.CreateDetector();
        var segmenter = new SpeechSegmenter();
        var segments = new List<(TimeSpan, TimeSpan)>();
        for (var i = 0; i + 256 <= mixed.Length; i += 256)
        {
            if (segmenter.Push(detector.Score(mixed.AsSpan(i, 256))) == SpeechEdge.Ended)
            {
                segments.Add((segmenter.SegmentStart, segmenter.SegmentEnd));
            }
        }

        return segments;
    }

    /// <summary>First and last millisecond of the clean rendering louder than a low level (the truth to compare with).</summary>
    private static (double First, double Last) VoicedExtent(short[] speech)
    {
        var first = Array.FindIndex(speech, s => Math.Abs((int)s) > 300);
        var last = Array.FindLastIndex(speech, s => Math.Abs((int)s) > 300);
        return (first / 8.0, last / 8.0);
    }
}

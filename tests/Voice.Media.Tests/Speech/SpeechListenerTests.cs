using Voice.Media.Speech;
using Voice.Media.Tests.Vad;
using Voice.Testing;
using Voice.Testing.Speech;

namespace Voice.Media.Tests.Speech;

public class SpeechListenerTests
{
    [Fact]
    public async Task Frames_from_the_tap_are_recognized_on_the_listeners_task()
    {
        var audio = await SpeechTestAudio.CallAudioAsync("operator", before: 0.5, after: 1.2);
        await using var listener = Listener(new SpeechListenerSettings { Request = new() { Phrases = SpeechCorpus.Phrases } }, SpeechTrack.Inbound);

        await FeedAsync(listener, audio, inbound: true);
        var events = await DrainAsync(listener);

        Assert.IsType<SpeechStarted>(events[0]);
        var final = Assert.IsType<SpeechFinal>(Assert.Single(events, e => e is SpeechFinal));
        Assert.Equal("operator", final.Result.Best?.Text);
        Assert.Equal(SpeechEndReason.EndOnSilence, final.Reason);
        Assert.Equal(0, listener.DroppedFrames);
    }

    [Fact]
    public async Task The_outbound_track_hears_what_the_leg_plays()
    {
        var audio = await SpeechTestAudio.CallAudioAsync("goodbye", before: 0.5, after: 1.2);
        await using var listener = Listener(new SpeechListenerSettings { Request = new() { Phrases = SpeechCorpus.Phrases } }, SpeechTrack.Outbound);

        await FeedAsync(listener, audio, inbound: false);
        var events = await DrainAsync(listener);

        Assert.Equal("goodbye", Assert.IsType<SpeechFinal>(events.Last()).Result.Best?.Text);
    }

    [Fact]
    public async Task Stopping_while_speech_goes_on_reports_it_as_stopped()
    {
        var audio = await SpeechTestAudio.CallAudioAsync("cancel my order", before: 0.5, after: 0);
        var listener = Listener(new SpeechListenerSettings { Request = new() { Phrases = SpeechCorpus.Phrases } }, SpeechTrack.Inbound);

        await FeedAsync(listener, audio, inbound: true);
        await listener.StopAsync();
        var events = await DrainAsync(listener);
        await listener.DisposeAsync();

        Assert.Equal(SpeechEndReason.Stopped, Assert.IsType<SpeechFinal>(events.Last()).Reason);
    }

    [Fact]
    public async Task A_recognizer_that_cannot_serve_ends_the_listener_with_a_failure()
    {
        var audio = await SpeechTestAudio.CallAudioAsync("yes", before: 0.5, after: 1);
        var german = new SpeechListenerSettings { Request = new() { Language = "de-DE" } };
        await using var listener = Listener(german, SpeechTrack.Inbound);

        await FeedAsync(listener, audio, inbound: true);
        var events = await DrainAsync(listener);

        Assert.Contains("de-DE", Assert.IsType<SpeechFailed>(events.Last()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frames_of_the_wrong_length_are_dropped_and_counted()
    {
        await using var listener = Listener(new SpeechListenerSettings(), SpeechTrack.Inbound);

        listener.OnFrame(new short[80], new short[80]);

        Assert.Equal(1, listener.DroppedFrames);
    }

    private static SpeechListener Listener(SpeechListenerSettings settings, SpeechTrack track) =>
        new(new UtteranceDetector(SpeechTestAudio.Recognizer, SileroModelFile.Model.CreateDetector(), settings), track);

    /// <summary>Feeds 20 ms frames in bursts the listener's queue holds, waiting until it took each burst (or ended), like the clock but faster.</summary>
    private static async Task FeedAsync(SpeechListener listener, short[] audio, bool inbound)
    {
        var silence = new short[160];
        for (var i = 0; i + 160 <= audio.Length; i += 160)
        {
            var frame = audio.AsSpan(i, 160);
            if (inbound)
            {
                listener.OnFrame(frame, silence);
            }
            else
            {
                listener.OnFrame(silence, frame);
            }

            var fed = (i / 160) + 1;
            if (fed % 50 == 0)
            {
                await Eventually.HoldsAsync(() => listener.ProcessedFrames >= fed || listener.IsFinished, "the listener takes the burst");
            }
        }
    }

    private static async Task<List<SpeechListenerEvent>> DrainAsync(SpeechListener listener)
    {
        var events = new List<SpeechListenerEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var e in listener.Events.ReadAllAsync(timeout.Token))
        {
            events.Add(e);
        }

        return events;
    }
}

using Voice.Media.Contracts;
using Voice.Media.Playback;
using Voice.Media.Tts;
using Voice.Testing;
using Voice.Testing.Speech;

namespace Voice.MediaNode.Tests.Host;

/// <summary>Speech input (gather with speech) and transcription on calls with a real baresip that says a phrase.</summary>
public sealed class SpeechTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string audio = Directory.CreateTempSubdirectory("speech-node-test-").FullName;

    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_gather_with_speech_hears_the_phrase_the_phone_says()
    {
        await using var peer = await Baresip.StartAsync(sourceAudio: await SaysAsync("check my balance"));
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        var gather = new GatherCommand { Id = NewId(), CallId = callId, TimeoutSeconds = 8, Speech = new SpeechSettings { Hints = SpeechCorpus.Phrases, EndSilenceSeconds = 1 } };
        await node.SendAsync(gather);

        var ended = Assert.IsType<GatherEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == gather.Id && e is GatherEndedEvent, 1, seconds: 20)));
        Assert.Equal("speech", ended.Reason);
        Assert.Equal(SpeechEndReasons.EndOnSilence, ended.Speech?.EndReason);
        Assert.Equal("check my balance", Assert.Single(ended.Speech!.Results).Text);
        Assert.Null(ended.Speech?.Error);
        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });
        await peer.EventAsync("CALL_CLOSED");
    }

    [Fact]
    public async Task A_silent_caller_times_out_with_the_start_timeout()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        var gather = new GatherCommand { Id = NewId(), CallId = callId, TimeoutSeconds = 1.5, Dtmf = false, Speech = new SpeechSettings { Hints = ["yes", "no"] } };
        await node.SendAsync(gather);

        var ended = Assert.IsType<GatherEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == gather.Id && e is GatherEndedEvent, 1)));
        Assert.Equal(("timeout", SpeechEndReasons.StartTimeout), (ended.Reason, ended.Speech?.EndReason));
    }

    [Fact]
    public async Task An_unknown_engine_ends_the_gather_with_the_error()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        var gather = new GatherCommand { Id = NewId(), CallId = callId, Speech = new SpeechSettings { Engine = "deepspeech" } };
        await node.SendAsync(gather);

        var ended = Assert.IsType<GatherEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == gather.Id && e is GatherEndedEvent, 1)));
        Assert.Contains("deepspeech", ended.Speech?.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcription_reports_what_the_phone_says_and_what_the_call_plays()
    {
        await using var peer = await Baresip.StartAsync(sourceAudio: await SaysAsync("technical support"));
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        var start = new StartTranscriptionCommand { Id = NewId(), CallId = callId, Tracks = "both", Speech = new SpeechSettings { Hints = SpeechCorpus.Phrases, EndSilenceSeconds = 0.8 } };
        await node.SendAsync(start);
        var inbound = Assert.IsType<TranscriptionEvent>(Assert.Single(await node.EventsAsync(e => e is TranscriptionEvent { Track: "inbound", IsFinal: true }, 1, seconds: 20)));
        var say = new SayCommand { Id = NewId(), CallId = callId, Text = "main menu" };
        await node.SendAsync(say);
        var outbound = Assert.IsType<TranscriptionEvent>(Assert.Single(await node.EventsAsync(e => e is TranscriptionEvent { Track: "outbound", IsFinal: true }, 1, seconds: 20)));
        var stop = new StopTranscriptionCommand { Id = NewId(), CallId = callId };
        await node.SendAsync(stop);

        Assert.Equal(("technical support", start.Id), (inbound.Text, inbound.CommandId));
        Assert.InRange(inbound.Confidence, 0, 1);
        Assert.True(inbound.DurationMs > 0);
        Assert.Equal("main menu", outbound.Text);
        var stopped = Assert.IsType<TranscriptionStoppedEvent>(Assert.Single(await node.EventsAsync(e => e is TranscriptionStoppedEvent, 1)));
        Assert.Equal(("stopped", start.Id), (stopped.Reason, stopped.CommandId));
    }

    [Fact]
    public async Task Hangup_ends_the_transcription()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        await node.SendAsync(new StartTranscriptionCommand { Id = NewId(), CallId = callId });
        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });

        var stopped = Assert.IsType<TranscriptionStoppedEvent>(Assert.Single(await node.EventsAsync(e => e is TranscriptionStoppedEvent, 1)));
        Assert.Equal("hangup", stopped.Reason);
    }

    [Fact]
    public async Task Bad_tracks_get_an_error_naming_them()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        var start = new StartTranscriptionCommand { Id = NewId(), CallId = callId, Tracks = "sideways" };
        await node.SendAsync(start);

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == start.Id && e is MediaErrorEvent, 1)));
        Assert.Contains("sideways", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A WAV of the phone saying <paramref name="phrase"/> after 1.5 s, over line noise.</summary>
    private async Task<string> SaysAsync(string phrase)
    {
        var speech = await new EspeakTts().SynthesizeAsync(phrase, "en-us", 160);
        short[] samples = SpeechCorpus.Noisy([.. new short[12000], .. speech.Samples, .. new short[24000]], 7);
        var path = Path.Combine(audio, NewId() + ".wav");
        await File.WriteAllBytesAsync(path, WavFile.Pcm16(samples, 8000));
        return path;
    }

    public void Dispose() => Directory.Delete(audio, recursive: true);
}

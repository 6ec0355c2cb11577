using Voice.Media.Contracts;
using Voice.Media.Tts;
using Voice.Testing;
using Voice.Testing.MachineDetection;

namespace Voice.MediaNode.Tests.Host;

/// <summary>detect_machine on calls answered by a real baresip that plays a voicemail greeting or says "hello?".</summary>
public sealed class MachineDetectionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string audio = Directory.CreateTempSubdirectory("amd-node-test-").FullName;

    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_voicemail_greeting_is_a_machine_and_its_beep_ends_the_greeting()
    {
        await using var peer = await Baresip.StartAsync(sourceAudio: await AnsweringAudio.MachineAsync(new EspeakTts(), audio));
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        var detect = new DetectMachineCommand { Id = NewId(), CallId = callId, Mode = MachineDetectionModes.GreetingEnd };
        await node.SendAsync(detect);

        var detected = Assert.IsType<MachineDetectionEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == detect.Id && e is MachineDetectionEndedEvent, 1)));
        Assert.Equal(MachineDetectionModes.Machine, detected.Result);
        var greeting = Assert.IsType<MachineGreetingEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == detect.Id && e is MachineGreetingEndedEvent, 1, seconds: 20)));
        Assert.Equal(MachineDetectionModes.BeepDetected, greeting.Result);
        Assert.True(greeting.Seq > detected.Seq);
        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });
        await peer.EventAsync("CALL_CLOSED");
    }

    [Fact]
    public async Task A_short_hello_is_a_human_within_the_analysis_time()
    {
        await using var peer = await Baresip.StartAsync(sourceAudio: await AnsweringAudio.HumanAsync(new EspeakTts(), audio));
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        var detect = new DetectMachineCommand { Id = NewId(), CallId = callId, Mode = MachineDetectionModes.GreetingEnd };
        await node.SendAsync(detect);

        var detected = Assert.IsType<MachineDetectionEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == detect.Id && e is MachineDetectionEndedEvent, 1)));
        Assert.Equal(MachineDetectionModes.Human, detected.Result);
        Assert.InRange(detected.DurationMs, 1000, 3500);
        await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });
        await peer.EventAsync("CALL_CLOSED");
    }

    [Fact]
    public async Task Silence_is_not_sure_after_the_total_analysis_time()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        var detect = new DetectMachineCommand { Id = NewId(), CallId = callId, TotalAnalysisTimeMs = 1500 };
        await node.SendAsync(detect);

        var detected = Assert.IsType<MachineDetectionEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == detect.Id && e is MachineDetectionEndedEvent, 1)));
        Assert.Equal((MachineDetectionModes.NotSure, 1500L), (detected.Result, detected.DurationMs));
    }

    [Theory]
    [InlineData("listen", 0, "mode")]
    [InlineData("detect", 10, "total_analysis_time_ms")]
    public async Task Bad_settings_get_an_error_event_naming_the_field(string mode, int totalMs, string field)
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        var detect = new DetectMachineCommand { Id = NewId(), CallId = callId, Mode = mode, TotalAnalysisTimeMs = totalMs == 0 ? null : totalMs };
        await node.SendAsync(detect);

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == detect.Id && e is MediaErrorEvent, 1)));
        Assert.Equal("invalid_settings", error.Code);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_vad_model_gets_an_error_event_and_the_call_goes_on()
    {
        var missing = Path.Combine(audio, "no-such-model.onnx");
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Speech:VadModelPath", missing)]);
        var callId = await node.AnsweredCallAsync(peer);

        var detect = new DetectMachineCommand { Id = NewId(), CallId = callId };
        await node.SendAsync(detect);

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == detect.Id && e is MediaErrorEvent, 1)));
        Assert.Equal("vad_unavailable", error.Code);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        var say = new SayCommand { Id = NewId(), CallId = callId, Text = "still here" };
        await node.SendAsync(say);
        await node.EventsAsync(e => e.CommandId == say.Id && e is PlaybackEndedEvent, 1);
    }

    public void Dispose() => Directory.Delete(audio, recursive: true);
}

using System.Buffers.Binary;
using Voice.Media.Contracts;
using Voice.Media.Dtmf;
using Voice.Media.Playback;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>Recording a call answered by a real baresip, uploaded to Azurite's recordings container.</summary>
public sealed class RecordingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Dual_channel_recording_stops_at_max_seconds_and_is_uploaded_with_what_we_sent_on_the_right()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        await node.SendAsync(new SayCommand { Id = NewId(), CallId = callId, Text = "This call is recorded for testing purposes only", Loop = 0 });
        var record = new RecordCommand { Id = NewId(), CallId = callId, RecordingId = "rec-" + NewId(), Channels = 2, MaxSeconds = 1 };
        await node.SendAsync(record);

        var saved = Assert.IsType<RecordingSavedEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is RecordingSavedEvent, 1)));
        Assert.Equal((record.RecordingId, record.Id, 2), (saved.RecordingId, saved.CommandId, saved.Channels));
        Assert.InRange(saved.DurationMs, 900, 1100);

        var blob = azurite.Blobs.GetBlobContainerClient(MediaQueues.RecordingsContainer).GetBlobClient(record.RecordingId + ".wav");
        Assert.Equal(blob.Uri.ToString(), saved.BlobUrl);
        var wav = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(saved.SizeBytes, wav.Length);
        Assert.Equal(2, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)));
        var frames = (wav.Length - 44) / 4;
        Assert.InRange(frames * 1000L / 8000, saved.DurationMs - 100, saved.DurationMs + 100);
        var left = new short[frames];
        var right = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            left[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (i * 4)));
            right[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(46 + (i * 4)));
        }

        Assert.True(Goertzel.Energy(right) / frames > 100 * 100, "the speech we sent is on the right channel");
        Assert.True(Goertzel.Energy(left) / frames < 50 * 50, "the silent peer is on the left channel");
    }

    [Fact]
    public async Task An_mp3_recording_is_saved_as_mp3_and_decodes_back_to_the_tone_the_call_carried()
    {
        var toneUrl = await TonePrompts.UploadAsync(azurite);
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        await node.SendAsync(new PlayCommand { Id = NewId(), CallId = callId, Url = toneUrl, Loop = 0 });
        var record = new RecordCommand { Id = NewId(), CallId = callId, RecordingId = "rec-" + NewId(), MaxSeconds = 1, Format = RecordingFormats.Mp3 };
        await node.SendAsync(record);

        var saved = Assert.IsType<RecordingSavedEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is RecordingSavedEvent, 1)));
        Assert.Equal((RecordingFormats.Mp3, (string?)null), (saved.Format, saved.FormatError));
        var blob = azurite.Blobs.GetBlobContainerClient(MediaQueues.RecordingsContainer).GetBlobClient(record.RecordingId + ".mp3");
        Assert.Equal(blob.Uri.ToString(), saved.BlobUrl);
        var download = (await blob.DownloadContentAsync()).Value;
        Assert.Equal("audio/mpeg", download.Details.ContentType);
        var mp3 = download.Content.ToArray();
        Assert.Equal(saved.SizeBytes, mp3.Length);

        var decoded = AudioFileReader.Parse(mp3, AudioFileFormat.Detect);
        Assert.Null(decoded.Error);
        Assert.InRange(decoded.Audio!.Duration.TotalMilliseconds, saved.DurationMs - 50, saved.DurationMs + 200);
        Assert.True(TonePrompts.ContainsTone(decoded.Audio.Samples), "the played tone is in the decoded recording");
    }

    [Fact]
    public async Task Without_ffmpeg_an_mp3_recording_is_kept_as_wav_and_the_event_says_why()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite, [new("MediaNode:Recording:FfmpegPath", "/nonexistent/ffmpeg")]);
        var callId = await node.AnsweredCallAsync(peer);

        var record = new RecordCommand { Id = NewId(), CallId = callId, RecordingId = "rec-" + NewId(), MaxSeconds = 1, Format = RecordingFormats.Mp3 };
        await node.SendAsync(record);

        var saved = Assert.IsType<RecordingSavedEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is RecordingSavedEvent, 1)));
        Assert.Equal(RecordingFormats.Wav, saved.Format);
        Assert.Contains("not available", saved.FormatError);
        var blob = azurite.Blobs.GetBlobContainerClient(MediaQueues.RecordingsContainer).GetBlobClient(record.RecordingId + ".wav");
        var download = (await blob.DownloadContentAsync()).Value;
        Assert.Equal("audio/wav", download.Details.ContentType);
        Assert.Equal(saved.SizeBytes, download.Content.ToArray().Length);
    }

    [Fact]
    public async Task An_unknown_recording_format_is_an_error()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        await node.SendAsync(new RecordCommand { Id = NewId(), CallId = callId, RecordingId = "rec-" + NewId(), Format = "ogg" });

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is MediaErrorEvent, 1)));
        Assert.Equal("invalid_format", error.Code);
    }

    [Fact]
    public async Task Stop_record_without_a_recording_is_an_error()
    {
        await using var peer = await Baresip.StartAsync();
        await using var node = await RunningNode.StartAsync(azurite);
        var callId = await node.AnsweredCallAsync(peer);

        await node.SendAsync(new StopRecordCommand { Id = NewId(), CallId = callId });

        var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CallId == callId && e is MediaErrorEvent, 1)));
        Assert.Equal("not_recording", error.Code);
    }
}

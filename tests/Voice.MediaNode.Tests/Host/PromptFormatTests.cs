using Voice.Media.Contracts;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>Prompts in other formats than 8 kHz WAV, played into a call answered by a real baresip: heard at their pitch.</summary>
public sealed class PromptFormatTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData(44100, 2, false, 1000)]
    [InlineData(44100, 2, true, 800)]
    [InlineData(22050, 1, true, 1200)]
    public async Task Baresip_hears_the_prompt_tone_at_its_pitch(int rate, int channels, bool mp3, int hz)
    {
        var url = await TonePrompts.UploadAsync(azurite, hz, rate, channels, mp3);
        var node = await RunningNode.StartAsync(azurite);
        var peer = await Baresip.StartAsync();
        await using (peer)
        await using (node)
        {
            var callId = await node.AnsweredCallAsync(peer);
            var play = new PlayCommand { Id = NewId(), CallId = callId, Url = url };
            await node.SendAsync(play);
            var ended = Assert.IsType<PlaybackEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == play.Id && e is PlaybackEndedEvent, 1)));
            Assert.Equal("finished", ended.Reason);
            await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });
            await peer.EventAsync("CALL_CLOSED");

            var heard = await peer.HeardAsync();
            Assert.True(TonePrompts.ContainsTone(heard, hz), $"a {hz} Hz tone is heard");
            Assert.False(TonePrompts.ContainsTone(heard, hz * 8000 / rate), "not at the pitch of samples played unconverted");
        }
    }

    [Fact]
    public async Task A_garbage_prompt_fails_the_play_and_the_call_goes_on()
    {
        var container = azurite.Blobs.GetBlobContainerClient("prompts");
        await container.CreateIfNotExistsAsync(Azure.Storage.Blobs.Models.PublicAccessType.Blob);
        var garbage = container.GetBlobClient($"garbage-{NewId()}.mp3");
        var bytes = new byte[4000];
        new Random(2).NextBytes(bytes);
        new byte[] { 0xFF, 0xFB, 0x90, 0x44 }.CopyTo(bytes, 0);
        await garbage.UploadAsync(new BinaryData(bytes));
        var toneUrl = await TonePrompts.UploadAsync(azurite);
        var node = await RunningNode.StartAsync(azurite);
        var peer = await Baresip.StartAsync();
        await using (peer)
        await using (node)
        {
            var callId = await node.AnsweredCallAsync(peer);
            var bad = new PlayCommand { Id = NewId(), CallId = callId, Url = garbage.Uri.ToString() };
            await node.SendAsync(bad);
            var events = await node.EventsAsync(e => e.CommandId == bad.Id && e is PlaybackEndedEvent or MediaErrorEvent, 2);
            Assert.Equal("failed", Assert.Single(events.OfType<PlaybackEndedEvent>()).Reason);
            Assert.Equal("media_unavailable", Assert.Single(events.OfType<MediaErrorEvent>()).Code);

            var good = new PlayCommand { Id = NewId(), CallId = callId, Url = toneUrl };
            await node.SendAsync(good);
            var ended = Assert.IsType<PlaybackEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == good.Id && e is PlaybackEndedEvent, 1)));
            Assert.Equal("finished", ended.Reason);
        }
    }
}

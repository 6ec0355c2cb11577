using Microsoft.AspNetCore.Http;
using Voice.Media.Contracts;
using Voice.Media.Playback;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>Prompt downloads of play commands on a call answered by a real baresip: the size limit and the ETag cache.</summary>
public sealed class PromptDownloadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_prompt_over_the_size_limit_fails_the_play_with_an_error_event_that_says_why()
    {
        var big = ToneWav(8000);
        await using var server = await WebhookReceiver.StartAsync((_, response) => ServeAsync(response, big, etag: null));
        var node = await RunningNode.StartAsync(azurite, new Dictionary<string, string?> { ["MediaNode:Prompts:MaxBytes"] = "8192" });
        var peer = await Baresip.StartAsync();
        await using (peer)
        await using (node)
        {
            var callId = await node.AnsweredCallAsync(peer);
            var play = new PlayCommand { Id = NewId(), CallId = callId, Url = server.Url };
            await node.SendAsync(play);

            var events = await node.EventsAsync(e => e.CommandId == play.Id && e is PlaybackEndedEvent or MediaErrorEvent, 2);
            Assert.Equal("failed", Assert.Single(events.OfType<PlaybackEndedEvent>()).Reason);
            var error = Assert.Single(events.OfType<MediaErrorEvent>());
            Assert.Equal("media_unavailable", error.Code);
            Assert.Contains($"is {big.Length} bytes, over the 8192-byte limit (MediaNode__Prompts__MaxBytes)", error.Message);
        }
    }

    [Fact]
    public async Task The_second_play_of_a_url_is_a_conditional_request_answered_304_and_still_plays()
    {
        var prompt = ToneWav(4000);
        await using var server = await WebhookReceiver.StartAsync((request, response) =>
        {
            if (request.Header("If-None-Match") == "\"tone-1\"")
            {
                response.StatusCode = 304;
                return Task.CompletedTask;
            }

            return ServeAsync(response, prompt, "\"tone-1\"");
        });
        var node = await RunningNode.StartAsync(azurite);
        var peer = await Baresip.StartAsync();
        await using (peer)
        await using (node)
        {
            var callId = await node.AnsweredCallAsync(peer);
            foreach (var _ in new[] { 1, 2 })
            {
                var play = new PlayCommand { Id = NewId(), CallId = callId, Url = server.Url };
                await node.SendAsync(play);
                var ended = Assert.IsType<PlaybackEndedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == play.Id && e is PlaybackEndedEvent, 1)));
                Assert.Equal("finished", ended.Reason);
            }

            Assert.Equal([200, 304], server.Requests.Select(r => r.Status));
            Assert.Equal("\"tone-1\"", server.Requests[1].Header("If-None-Match"));
        }
    }

    private static byte[] ToneWav(int samples) =>
        WavFile.Pcm16(Enumerable.Range(0, samples).Select(i => (short)(8000 * Math.Sin(i * 2 * Math.PI * 1000 / 8000))).ToArray(), 8000);

    private static async Task ServeAsync(HttpResponse response, byte[] body, string? etag)
    {
        if (etag is not null)
        {
            response.Headers.ETag = etag;
        }

        response.ContentType = "audio/wav";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }
}

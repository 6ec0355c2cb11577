using Microsoft.AspNetCore.Http;
using Voice.Media.Contracts;
using Voice.Media.Playback;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>
/// Outbound connections of a call answered by a real baresip: prompt downloads (size limit, ETag cache) and the SSRF
/// guard on prompt and stream URLs of a node without the dev switch.
/// </summary>
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

    [Fact]
    public async Task Without_the_dev_switch_loopback_prompt_and_stream_urls_fail_with_the_reason_and_are_never_contacted()
    {
        await using var prompts = await WebhookReceiver.StartAsync((_, response) => ServeAsync(response, ToneWav(4000), etag: null));
        await using var streams = await StreamEchoServer.StartAsync();
        var node = await RunningNode.StartAsync(azurite, new Dictionary<string, string?> { ["MediaNode:AllowPrivateTargets"] = "false" });
        var peer = await Baresip.StartAsync();
        await using (peer)
        await using (node)
        {
            var callId = await node.AnsweredCallAsync(peer);
            var play = new PlayCommand { Id = NewId(), CallId = callId, Url = $"http://localhost:{prompts.Port}/prompt.wav" };
            var stream = new StartStreamCommand { Id = NewId(), CallId = callId, StreamId = "s1", Url = streams.Url };
            await node.SendAsync(play);
            await node.SendAsync(stream);

            var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == play.Id && e is MediaErrorEvent, 1)));
            var failed = Assert.IsType<StreamFailedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == stream.Id && e is StreamFailedEvent, 1)));
            Assert.Contains("refused", error.Message);
            Assert.Contains("refused", failed.Reason);
            Assert.Empty(prompts.Requests);
            Assert.Empty(streams.Handshakes);
            Assert.Equal(1, node.Calls.ActiveCalls);
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

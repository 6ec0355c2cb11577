using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Media.Playback;
using Voice.MediaNode.Configuration;
using Voice.MediaNode.Prompts;
using Voice.OutboundHttp;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Prompts;

/// <summary>
/// Prompt downloads against a real HTTP server on 127.0.0.1: the size limit (by Content-Length and while streaming),
/// revalidation of the cache by ETag, the SSRF guard, and transient failures retried.
/// </summary>
public sealed class PromptFetcherTests : IAsyncDisposable
{
    private static readonly byte[] Tone = ToneWav(8000);
    private readonly ServiceProvider services = new ServiceCollection().AddOutboundTargetGuard(allowPrivateTargets: true).AddPromptHttpClient().BuildServiceProvider();
    private readonly PromptCache cache = new(1024 * 1024);

    [Fact]
    public async Task A_prompt_whose_length_is_over_the_limit_fails_with_the_limit_named_and_is_not_read()
    {
        await using var server = await WebhookReceiver.StartAsync((_, response) => ServeAsync(response, Tone));

        var read = await Fetcher(maxBytes: 4096).FetchAsync(server.Url, default);

        Assert.Null(read.Audio);
        Assert.Contains($"is {Tone.Length} bytes, over the 4096-byte limit (MediaNode__Prompts__MaxBytes)", read.Error);
    }

    [Fact]
    public async Task A_streamed_prompt_without_a_length_fails_once_it_passes_the_limit()
    {
        await using var server = await WebhookReceiver.StartAsync(async (_, response) =>
        {
            // Written in pieces and flushed: chunked, so the client learns the size only by reading.
            response.ContentType = "audio/wav";
            for (var offset = 0; offset < Tone.Length; offset += 1000)
            {
                await response.Body.WriteAsync(Tone.AsMemory(offset, Math.Min(1000, Tone.Length - offset)));
                await response.Body.FlushAsync();
            }
        });

        var read = await Fetcher(maxBytes: 4096).FetchAsync(server.Url, default);

        Assert.Null(read.Audio);
        Assert.Contains("is over the 4096-byte limit (MediaNode__Prompts__MaxBytes)", read.Error);
    }

    [Fact]
    public async Task The_second_fetch_of_a_url_revalidates_by_etag_and_a_304_plays_the_cached_audio()
    {
        await using var server = await WebhookReceiver.StartAsync((request, response) =>
        {
            if (request.Header("If-None-Match") == "\"v1\"")
            {
                response.StatusCode = 304;
                return Task.CompletedTask;
            }

            response.Headers.ETag = "\"v1\"";
            return ServeAsync(response, Tone);
        });
        var fetcher = Fetcher();

        var first = await fetcher.FetchAsync(server.Url, default);
        var second = await fetcher.FetchAsync(server.Url, default);

        Assert.NotNull(first.Audio);
        Assert.Same(first.Audio, second.Audio);
        Assert.Equal([200, 304], server.Requests.Select(r => r.Status));
        Assert.Null(server.Requests[0].Header("If-None-Match"));
        Assert.Equal("\"v1\"", server.Requests[1].Header("If-None-Match"));
    }

    [Fact]
    public async Task A_changed_prompt_is_downloaded_again_when_its_etag_no_longer_matches()
    {
        var version = 1;
        await using var server = await WebhookReceiver.StartAsync((request, response) =>
        {
            var etag = $"\"v{version}\"";
            if (request.Header("If-None-Match") == etag)
            {
                response.StatusCode = 304;
                return Task.CompletedTask;
            }

            response.Headers.ETag = etag;
            return ServeAsync(response, version == 1 ? Tone : ToneWav(4000));
        });
        var fetcher = Fetcher();

        var first = await fetcher.FetchAsync(server.Url, default);
        version = 2;
        var second = await fetcher.FetchAsync(server.Url, default);

        Assert.Equal([200, 200], server.Requests.Select(r => r.Status));
        Assert.NotEqual(first.Audio!.Samples.Length, second.Audio!.Samples.Length);
    }

    [Fact]
    public async Task A_prompt_served_without_an_etag_is_downloaded_every_time()
    {
        await using var server = await WebhookReceiver.StartAsync((_, response) => ServeAsync(response, Tone));
        var fetcher = Fetcher();

        await fetcher.FetchAsync(server.Url, default);
        var second = await fetcher.FetchAsync(server.Url, default);

        Assert.NotNull(second.Audio);
        Assert.All(server.Requests, r => Assert.Null(r.Header("If-None-Match")));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_transient_503_is_retried_and_the_prompt_loads()
    {
        var answered = 0;
        await using var server = await WebhookReceiver.StartAsync((_, response) =>
        {
            if (Interlocked.Increment(ref answered) == 1)
            {
                response.StatusCode = 503;
                return Task.CompletedTask;
            }

            return ServeAsync(response, Tone);
        });

        var read = await Fetcher().FetchAsync(server.Url, default);

        Assert.NotNull(read.Audio);
        Assert.Equal([503, 200], server.Requests.Select(r => r.Status));
    }

    [Theory]
    [InlineData("http://{0}/prompt.wav")]
    [InlineData("http://localhost:{1}/prompt.wav")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.1.2.3/prompt.wav")]
    [InlineData("http://[::ffff:127.0.0.1]:{1}/prompt.wav")]
    [InlineData("file:///etc/passwd")]
    public async Task Without_the_dev_switch_private_prompt_urls_are_refused_and_nothing_is_fetched(string template)
    {
        await using var server = await WebhookReceiver.StartAsync((_, response) => ServeAsync(response, Tone));
        await using var guarded = new ServiceCollection().AddOutboundTargetGuard(allowPrivateTargets: false).AddPromptHttpClient().BuildServiceProvider();
        var fetcher = new PromptFetcher(guarded.GetRequiredService<OutboundTargetGuard>(), guarded.GetRequiredService<IHttpClientFactory>(), cache, new PromptOptions());

        var read = await fetcher.FetchAsync(string.Format(template, $"127.0.0.1:{server.Port}", server.Port), default);

        Assert.Null(read.Audio);
        Assert.Contains("refused", read.Error);
        Assert.Empty(server.Requests);
    }

    public async ValueTask DisposeAsync()
    {
        cache.Dispose();
        await services.DisposeAsync();
    }

    private PromptFetcher Fetcher(int maxBytes = 20 * 1024 * 1024) =>
        new(services.GetRequiredService<OutboundTargetGuard>(), services.GetRequiredService<IHttpClientFactory>(), cache, new PromptOptions { MaxBytes = maxBytes });

    private static byte[] ToneWav(int samples) =>
        WavFile.Pcm16(Enumerable.Range(0, samples).Select(i => (short)(8000 * Math.Sin(i * 2 * Math.PI * 1000 / 8000))).ToArray(), 8000);

    private static async Task ServeAsync(HttpResponse response, byte[] body)
    {
        response.ContentType = "audio/wav";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }
}

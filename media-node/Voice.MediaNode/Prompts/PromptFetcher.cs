using System.Net;
using Polly.Timeout;
using Voice.Media.Playback;
using Voice.MediaNode.Configuration;
using Voice.OutboundHttp;

namespace Voice.MediaNode.Prompts;

/// <summary>
/// Downloads and decodes the prompts of play and gather commands. URLs pass the SSRF guard (and its connect-time
/// check), files over <see cref="PromptOptions.MaxBytes"/> are refused by their Content-Length or while they stream,
/// and decoded prompts are cached by URL and revalidated with <c>If-None-Match</c>. Transient GET failures are retried
/// by the <see cref="OutboundHttpClients.Prompts"/> client. Never throws for a failure of the target or its content:
/// the result carries why, worded for the call's error event.
/// </summary>
public sealed class PromptFetcher(OutboundTargetGuard guard, IHttpClientFactory clients, PromptCache cache, PromptOptions options)
{
    public async Task<AudioFileReadResult> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var check = await guard.CheckAsync(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null, false, cancellationToken);
        if (!check.Allowed)
        {
            return Failed($"prompt URL {url} refused: {check.Reason}");
        }

        var cached = cache.TryGet(url, out var entry) ? entry : null;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (cached is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", cached.ETag);
        }

        try
        {
            using var response = await clients.CreateClient(OutboundHttpClients.Prompts).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
            {
                return new AudioFileReadResult(cached.Audio, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return Failed($"GET {url} returned {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength is long length && length > options.MaxBytes)
            {
                return Failed($"prompt {url} is {length} bytes, over the {options.MaxBytes}-byte limit (MediaNode__Prompts__MaxBytes)");
            }

            var data = await ReadLimitedAsync(response.Content, options.MaxBytes, cancellationToken);
            if (data is null)
            {
                return Failed($"prompt {url} is over the {options.MaxBytes}-byte limit (MediaNode__Prompts__MaxBytes)");
            }

            // The content tells WAV from MP3; the name or type only says whether other content is headerless μ-law.
            var format = uri!.AbsolutePath.EndsWith(".ulaw", StringComparison.OrdinalIgnoreCase) || response.Content.Headers.ContentType?.MediaType == "audio/basic"
                ? AudioFileFormat.RawMulaw
                : AudioFileFormat.Detect;
            var read = AudioFileReader.Parse(data.GetBuffer().AsSpan(0, (int)data.Length), format);
            if (read.Audio is { } audio && response.Headers.ETag is { } etag)
            {
                cache.Set(url, new CachedPrompt(etag.ToString(), audio));
            }

            return read;
        }
        catch (HttpRequestException e) when (OutboundTargetGuard.IsRefusal(e))
        {
            return Failed($"prompt URL {url} refused: {e.InnerException?.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutRejectedException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Failed($"cannot fetch {url}: {e.Message}");
        }
    }

    private static AudioFileReadResult Failed(string why) => new(null, why);

    /// <summary>The whole body, or null as soon as it passes <paramref name="limit"/> bytes.</summary>
    private static async Task<MemoryStream?> ReadLimitedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer;
    }
}

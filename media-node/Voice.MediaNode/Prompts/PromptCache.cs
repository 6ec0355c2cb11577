using Microsoft.Extensions.Caching.Memory;
using Voice.Media.Playback;

namespace Voice.MediaNode.Prompts;

/// <summary>
/// Decoded prompts by URL, each with the ETag it was served with, so a second play of the same URL costs a
/// conditional GET (304) instead of a download and a decode. Bounded by the samples' bytes; the least recently used
/// go first. A response without an ETag is not kept (it cannot be revalidated).
/// </summary>
public sealed class PromptCache(long capacityBytes) : IDisposable
{
    private readonly MemoryCache? entries = capacityBytes > 0
        ? new MemoryCache(new MemoryCacheOptions { SizeLimit = capacityBytes, CompactionPercentage = 0.25 })
        : null;

    public bool TryGet(string url, out CachedPrompt prompt)
    {
        prompt = null!;
        return entries is not null && entries.TryGetValue(url, out prompt!);
    }

    public void Set(string url, CachedPrompt prompt)
    {
        var size = (long)prompt.Audio.Samples.Length * sizeof(short);
        if (entries is not null && size <= capacityBytes)
        {
            entries.Set(url, prompt, new MemoryCacheEntryOptions { Size = Math.Max(size, 1) });
        }
    }

    public void Dispose() => entries?.Dispose();
}

/// <summary>A decoded prompt and the entity tag of the response it came from.</summary>
public sealed record CachedPrompt(string ETag, PcmAudio Audio);

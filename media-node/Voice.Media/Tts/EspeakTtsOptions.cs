namespace Voice.Media.Tts;

/// <summary>Settings of <see cref="EspeakTts"/>.</summary>
public sealed record EspeakTtsOptions
{
    /// <summary>The espeak-ng executable (name on PATH or full path).</summary>
    public string Executable { get; init; } = "espeak-ng";

    /// <summary>Directory that keeps rendered prompts across restarts (8 kHz WAV per key); null for memory only.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Renderings kept in memory; the cache is cleared when it grows past this.</summary>
    public int MemoryCacheEntries { get; init; } = 1000;

    /// <summary>Longest a single rendering may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

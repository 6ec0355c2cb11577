using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Voice.Media.Codecs;
using Voice.Media.Playback;

namespace Voice.Media.Tts;

/// <summary>
/// Text-to-speech with the espeak-ng process (<c>espeak-ng -v VOICE -s RATE --stdout</c>, text on stdin so text
/// starting with '-' is never read as an option). The WAV on stdout (22.05 kHz, placeholder header sizes) is read
/// to EOF and resampled to 8 kHz. Renderings are cached by (text, voice, rate) in memory and, optionally, as WAV
/// files in a directory; concurrent requests for the same key share one process. Failures are not cached.
/// </summary>
public sealed class EspeakTts
{
    private readonly EspeakTtsOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<Task<PcmAudio>>> _cache = new();
    private int _processesStarted;

    /// <summary>Creates the synthesiser; nothing is started until the first request.</summary>
    public EspeakTts(EspeakTtsOptions? options = null)
    {
        _options = options ?? new EspeakTtsOptions();
        if (_options.CacheDirectory is not null)
        {
            Directory.CreateDirectory(_options.CacheDirectory);
        }
    }

    /// <summary>espeak-ng processes started so far (cache misses).</summary>
    public int ProcessesStarted => Volatile.Read(ref _processesStarted);

    /// <summary>
    /// Renders <paramref name="text"/> as 8 kHz audio. <paramref name="rate"/> is words per minute (espeak's -s).
    /// </summary>
    /// <exception cref="TtsUnavailableException">espeak-ng is missing, the voice is unknown, or rendering failed.</exception>
    public async Task<PcmAudio> SynthesizeAsync(string text, string voice = "en", int rate = 175, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 20);
        var key = Key(text, voice, rate);
        if (_cache.Count >= _options.MemoryCacheEntries)
        {
            _cache.Clear();
        }

        var entry = _cache.GetOrAdd(key, k => new Lazy<Task<PcmAudio>>(() => LoadOrRenderAsync(k, text, voice, rate)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _cache.TryRemove(new KeyValuePair<string, Lazy<Task<PcmAudio>>>(key, entry));
            throw;
        }
    }

    /// <summary>Text that is an SSML document: it starts with a <c>&lt;speak</c> element.</summary>
    public static bool IsSsml(string text) => text.AsSpan().TrimStart().StartsWith("<speak", StringComparison.OrdinalIgnoreCase);

    private static string Key(string text, string voice, int rate) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{voice}\n{rate}\n{text}"))).ToLowerInvariant();

    private async Task<PcmAudio> LoadOrRenderAsync(string key, string text, string voice, int rate)
    {
        var path = _options.CacheDirectory is null ? null : Path.Combine(_options.CacheDirectory, key + ".wav");
        if (path is not null && File.Exists(path))
        {
            var cached = AudioFileReader.Parse(await File.ReadAllBytesAsync(path), AudioFileFormat.Wav);
            if (cached.Audio is not null)
            {
                return cached.Audio;
            }
        }

        var audio = await RenderAtAsync(text, voice, rate, AudioCodecs.SampleRate);
        if (path is not null)
        {
            var bytes = WavFile.Pcm16(audio.Samples, audio.SampleRate);

            // Write then rename so a concurrent reader never sees half a file.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }

        return audio;
    }

    /// <summary>
    /// Renders <paramref name="text"/> at <paramref name="sampleRate"/> without caching: wideband test audio for
    /// speech recognition (calls use <see cref="SynthesizeAsync"/>).
    /// </summary>
    /// <exception cref="TtsUnavailableException">espeak-ng is missing, the voice is unknown, or rendering failed.</exception>
    public Task<PcmAudio> RenderAsync(string text, string voice, int rate, int sampleRate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        return RenderAtAsync(text, voice, rate, sampleRate);
    }

    private async Task<PcmAudio> RenderAtAsync(string text, string voice, int rate, int sampleRate)
    {
        var start = new ProcessStartInfo(_options.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "-v", voice, "-s", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stdout" },
        };

        // SSML (Vonage's talk text inside <speak>): espeak-ng reads the markup (break, prosody, say-as, emphasis) with -m.
        if (IsSsml(text))
        {
            start.ArgumentList.Add("-m");
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new TtsUnavailableException($"could not start {_options.Executable}");
        }
        catch (Win32Exception e)
        {
            throw new TtsUnavailableException($"text-to-speech needs espeak-ng, which was not found as '{_options.Executable}' (install the espeak-ng package, e.g. apt-get install espeak-ng)", e);
        }

        Interlocked.Increment(ref _processesStarted);
        using (process)
        using (var timeout = new CancellationTokenSource(_options.Timeout))
        {
            try
            {
                var output = new MemoryStream();
                var copy = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
                var errors = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.StandardInput.WriteAsync(text.AsMemory(), timeout.Token);
                process.StandardInput.Close();
                await copy;
                var stderr = await errors;
                await process.WaitForExitAsync(timeout.Token);
                var result = AudioFileReader.Parse(output.GetBuffer().AsSpan(0, (int)output.Length), AudioFileFormat.Wav);
                if (process.ExitCode != 0 || result.Audio is null || result.Audio.Samples.Length == 0)
                {
                    throw new TtsUnavailableException($"espeak-ng produced no audio for voice '{voice}': {stderr.Trim()} {result.Error}".Trim());
                }

                return result.Audio.ResampledTo(sampleRate);
            }
            catch (OperationCanceledException e)
            {
                process.Kill(entireProcessTree: true);
                throw new TtsUnavailableException($"espeak-ng did not finish within {_options.Timeout}", e);
            }
        }
    }
}

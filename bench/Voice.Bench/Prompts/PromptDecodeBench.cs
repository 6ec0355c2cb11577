using System.Diagnostics;
using Voice.Media.Playback;

namespace Voice.Bench.Prompts;

/// <summary>
/// Decode + resample time per second of prompt, as the node pays it before a play starts: a 44.1 kHz stereo WAV made
/// here and its MP3 (ffmpeg, 128 kbit/s) read with <see cref="AudioFileReader"/> to 8 kHz mono.
/// <c>dotnet run -c Release --project bench/Voice.Bench -- prompts [--seconds 30] [--runs 5]</c>.
/// </summary>
public static class PromptDecodeBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchArguments.IntOption(args, "--seconds", 30);
        var runs = BenchArguments.IntOption(args, "--runs", 5);
        var wav = StereoWav(44100, seconds);
        var mp3 = await Mp3Async(wav);
        foreach (var (name, bytes) in new[] { ("wav 44.1 kHz stereo 16-bit", wav), ("mp3 44.1 kHz stereo 128k", mp3) })
        {
            AudioFileReader.Parse(bytes, AudioFileFormat.Detect); // warm-up: JIT and the resampler's filter bank
            var times = new List<double>();
            for (var r = 0; r < runs; r++)
            {
                var watch = Stopwatch.StartNew();
                var result = AudioFileReader.Parse(bytes, AudioFileFormat.Detect);
                watch.Stop();
                if (result.Audio is null)
                {
                    Console.Error.WriteLine($"{name}: {result.Error}");
                    return 1;
                }

                times.Add(watch.Elapsed.TotalMilliseconds / seconds);
            }

            times.Sort();
            Console.WriteLine($"{name}: {BenchArguments.Percentile(times, 0.5):F2} ms per second of prompt (median of {runs}, min {times[0]:F2}, {seconds} s prompt, {bytes.Length / 1024} KiB)");
        }

        return 0;
    }

    /// <summary>Two tones a channel with a slow tremolo: something like speech's spread, not a single bin.</summary>
    private static byte[] StereoWav(int rate, int seconds)
    {
        var frames = rate * seconds;
        var bytes = new byte[WavFile.HeaderSize + (frames * 4)];
        WavFile.WriteHeader(bytes, rate, 2, frames * 4L);
        for (var i = 0; i < frames; i++)
        {
            var t = (double)i / rate;
            var envelope = 0.5 + (0.5 * Math.Sin(2 * Math.PI * 3 * t));
            var left = (short)(8000 * envelope * (Math.Sin(2 * Math.PI * 440 * t) + Math.Sin(2 * Math.PI * 1700 * t)));
            var right = (short)(8000 * envelope * (Math.Sin(2 * Math.PI * 620 * t) + Math.Sin(2 * Math.PI * 2900 * t)));
            BitConverter.TryWriteBytes(bytes.AsSpan(WavFile.HeaderSize + (i * 4)), left);
            BitConverter.TryWriteBytes(bytes.AsSpan(WavFile.HeaderSize + (i * 4) + 2), right);
        }

        return bytes;
    }

    private static async Task<byte[]> Mp3Async(byte[] wav)
    {
        var input = Path.Combine(Path.GetTempPath(), $"bench-prompt-{Guid.NewGuid():N}.wav");
        var output = Path.ChangeExtension(input, ".mp3");
        try
        {
            await File.WriteAllBytesAsync(input, wav);
            using var ffmpeg = Process.Start("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-i", input, "-codec:a", "libmp3lame", "-b:a", "128k", output]);
            await ffmpeg.WaitForExitAsync();
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}

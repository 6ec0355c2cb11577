using System.Diagnostics;

namespace Voice.Media.Tests;

/// <summary>Runs sox (installed on the build machine and in CI) for reference files and checks.</summary>
internal static class ExternalTools
{
    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
        return await output;
    }

    /// <summary>Generates a file with sox (e.g. <c>-r 16000 -b 16 -c 1</c>, <c>synth 0.5 sine 1000</c>) and returns its bytes.</summary>
    public static async Task<byte[]> SoxSynthAsync(string format, string synth)
    {
        var path = Path.Combine(Path.GetTempPath(), $"voice-media-{Guid.NewGuid():N}.wav");
        try
        {
            await RunAsync("sox", ["-n", .. format.Split(' '), path, .. synth.Split(' ')]);
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Encodes <paramref name="wav"/> to MP3 with ffmpeg (libmp3lame); <paramref name="extra"/> are more output options (e.g. a bitrate).</summary>
    public static async Task<byte[]> FfmpegMp3Async(byte[] wav, params string[] extra)
    {
        var input = Path.Combine(Path.GetTempPath(), $"voice-media-{Guid.NewGuid():N}.wav");
        var output = Path.ChangeExtension(input, ".mp3");
        try
        {
            await File.WriteAllBytesAsync(input, wav);
            await RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", input, "-codec:a", "libmp3lame", .. extra, output]);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}

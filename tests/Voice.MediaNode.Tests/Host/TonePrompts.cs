using System.Diagnostics;
using Azure.Storage.Blobs.Models;
using Voice.Media.Dtmf;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>Sine prompts in the test's Azurite (for play commands) and the checks that find them in what a peer heard.</summary>
internal static class TonePrompts
{
    /// <summary>Renders a 1.5 s sine of <paramref name="hz"/> with sox, uploads it as a public blob and returns its URL.</summary>
    public static Task<string> UploadAsync(AzuriteFixture azurite, int hz = 1000) => UploadAsync(azurite, hz, 8000, 1, mp3: false);

    /// <summary>
    /// Renders a 1.5 s sine of <paramref name="hz"/> at <paramref name="rate"/> Hz with <paramref name="channels"/>
    /// channels with sox (encoded to MP3 by ffmpeg when <paramref name="mp3"/>), uploads it under a name without an
    /// extension (the node must tell the format by content) and returns its URL.
    /// </summary>
    public static async Task<string> UploadAsync(AzuriteFixture azurite, int hz, int rate, int channels, bool mp3)
    {
        var id = Guid.NewGuid().ToString("N");
        var path = Path.Combine(Path.GetTempPath(), $"tone-{id}.wav");
        var encoded = Path.ChangeExtension(path, ".mp3");
        try
        {
            await RunAsync("sox", "-n", "-r", rate.ToString(), "-c", channels.ToString(), "-b", "16", "-e", "signed-integer", path, "synth", "1.5", "sine", hz.ToString(), "vol", "0.5");
            if (mp3)
            {
                await RunAsync("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", path, "-codec:a", "libmp3lame", "-b:a", "128k", encoded);
            }

            var container = azurite.Blobs.GetBlobContainerClient("prompts");
            await container.CreateIfNotExistsAsync(PublicAccessType.Blob);
            var blob = container.GetBlobClient(mp3 || rate != 8000 || channels != 1 ? $"tone-{id}" : $"tone-{id}.wav");
            await blob.UploadAsync(mp3 ? encoded : path);
            return blob.Uri.ToString();
        }
        finally
        {
            File.Delete(path);
            File.Delete(encoded);
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed");
    }

    /// <summary>True when some 20 ms window of <paramref name="heard"/> (8 kHz) is a loud, nearly pure <paramref name="hz"/> tone.</summary>
    public static bool ContainsTone(short[] heard, int hz = 1000) =>
        Windows(heard).Any(w => Goertzel.EnergyFraction(w.Span, hz) > 0.9 && Rms(w.Span) > 1000);

    /// <summary>The 20 ms windows of <paramref name="heard"/> (8 kHz).</summary>
    public static IEnumerable<ReadOnlyMemory<short>> Windows(short[] heard) =>
        Enumerable.Range(0, heard.Length / 160).Select(i => (ReadOnlyMemory<short>)heard.AsMemory(i * 160, 160));

    public static double Rms(ReadOnlySpan<short> samples) => Math.Sqrt(Goertzel.Energy(samples) / samples.Length);
}

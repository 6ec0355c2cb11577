using System.Diagnostics;
using Azure.Storage.Blobs.Models;
using Voice.Media.Dtmf;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>Sine prompts in the test's Azurite (for play commands) and the checks that find them in what a peer heard.</summary>
internal static class TonePrompts
{
    /// <summary>Renders a 1.5 s sine of <paramref name="hz"/> with sox, uploads it as a public blob and returns its URL.</summary>
    public static async Task<string> UploadAsync(AzuriteFixture azurite, int hz = 1000)
    {
        var id = Guid.NewGuid().ToString("N");
        var path = Path.Combine(Path.GetTempPath(), $"tone-{id}.wav");
        try
        {
            using (var sox = Process.Start("sox", ["-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", path, "synth", "1.5", "sine", hz.ToString(), "vol", "0.5"]))
            {
                await sox.WaitForExitAsync();
            }

            var container = azurite.Blobs.GetBlobContainerClient("prompts");
            await container.CreateIfNotExistsAsync(PublicAccessType.Blob);
            var blob = container.GetBlobClient($"tone-{id}.wav");
            await blob.UploadAsync(path);
            return blob.Uri.ToString();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>True when some 20 ms window of <paramref name="heard"/> (8 kHz) is a loud, nearly pure <paramref name="hz"/> tone.</summary>
    public static bool ContainsTone(short[] heard, int hz = 1000) =>
        Windows(heard).Any(w => Goertzel.EnergyFraction(w.Span, hz) > 0.9 && Rms(w.Span) > 1000);

    /// <summary>The 20 ms windows of <paramref name="heard"/> (8 kHz).</summary>
    public static IEnumerable<ReadOnlyMemory<short>> Windows(short[] heard) =>
        Enumerable.Range(0, heard.Length / 160).Select(i => (ReadOnlyMemory<short>)heard.AsMemory(i * 160, 160));

    public static double Rms(ReadOnlySpan<short> samples) => Math.Sqrt(Goertzel.Energy(samples) / samples.Length);
}

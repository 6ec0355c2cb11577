using System.Diagnostics;
using Voice.Media.Dtmf;

namespace Voice.EndToEnd.Tests;

/// <summary>Reference tones the tests play, and how much of a recording carries one.</summary>
internal static class TestAudio
{
    /// <summary>An 8 kHz mono 16-bit WAV of a sine tone, rendered by sox.</summary>
    public static async Task<byte[]> ToneWavAsync(int hz, int seconds)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tone-{hz}-{Guid.NewGuid():N}.wav");
        try
        {
            using var sox = Process.Start("sox", ["-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", file, "synth", seconds.ToString(), "sine", hz.ToString(), "vol", "0.5"])!;
            await sox.WaitForExitAsync();
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>20 ms blocks (8 kHz) in which <paramref name="hz"/> carries more than <paramref name="fraction"/> of the energy.</summary>
    public static int ToneBlocks(short[] audio, int hz, double fraction) =>
        Enumerable.Range(0, audio.Length / 160).Count(b => Goertzel.EnergyFraction(audio.AsSpan(b * 160, 160), hz) > fraction);
}

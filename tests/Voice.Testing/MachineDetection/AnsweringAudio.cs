using Voice.Media.Playback;
using Voice.Media.Tts;

namespace Voice.Testing.MachineDetection;

/// <summary>WAV files for phones that answer like a person ("hello?") or like voicemail (a greeting, then a beep).</summary>
public static class AnsweringAudio
{
    /// <summary>A long voicemail greeting (13 words) used by the node and SDK tests.</summary>
    public const string Greeting = "Hi, you have reached the voicemail of Sam. Please leave a message after the tone.";

    /// <summary>Writes 1 s of silence, "hello?" and silence.</summary>
    public static async Task<string> HumanAsync(EspeakTts tts, string directory)
    {
        var hello = (await tts.SynthesizeAsync("hello?", "en-us")).ResampledTo(8000).Samples;
        return await WriteAsync(Path.Combine(directory, "human.wav"), [.. new short[8000], .. hello, .. new short[8 * 4000]]);
    }

    /// <summary>Writes 1 s of silence, <see cref="Greeting"/>, 700 ms of silence, a 1 kHz beep of 400 ms and silence.</summary>
    public static async Task<string> MachineAsync(EspeakTts tts, string directory)
    {
        var greeting = (await tts.SynthesizeAsync(Greeting, "en-us")).ResampledTo(8000).Samples;
        var beep = new short[8 * 400];
        for (var i = 0; i < beep.Length; i++)
        {
            beep[i] = (short)(5700 * Math.Sin(2 * Math.PI * 1000 * i / 8000));
        }

        return await WriteAsync(Path.Combine(directory, "machine.wav"), [.. new short[8000], .. greeting, .. new short[8 * 700], .. beep, .. new short[8 * 3000]]);
    }

    private static async Task<string> WriteAsync(string path, short[] samples)
    {
        await File.WriteAllBytesAsync(path, WavFile.Pcm16(samples, 8000));
        return path;
    }
}

using System.Diagnostics;
using Voice.Media.Dtmf;

namespace Voice.Media.Tests;

/// <summary>Test signals: tones at a given level, DTMF, noise, and speech rendered by espeak-ng + sox.</summary>
internal static class Signals
{
    /// <summary>Peak amplitude of a sine at 0 dBm0 in 16-bit G.711 scale.</summary>
    public const double ZeroDbm0Peak = 22767;

    public static short[] Tone(double frequency, int milliseconds, double dbm0 = -10, int sampleRate = 8000, double phase = 0)
    {
        var samples = new short[sampleRate * milliseconds / 1000];
        var amplitude = ZeroDbm0Peak * Math.Pow(10, dbm0 / 20);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * Math.Sin((2 * Math.PI * frequency * i / sampleRate) + phase));
        }

        return samples;
    }

    public static short[] Dtmf(char digit, int milliseconds, double dbm0PerTone = -10)
    {
        Assert.True(DtmfDigits.TryGetFrequencies(digit, out var row, out var column));
        return Add(Tone(row, milliseconds, dbm0PerTone), Tone(column, milliseconds, dbm0PerTone));
    }

    public static short[] Silence(int milliseconds) => new short[8 * milliseconds];

    public static short[] Noise(int milliseconds, double rmsAmplitude, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new short[8 * milliseconds];
        for (var i = 0; i < samples.Length; i++)
        {
            // Box-Muller Gaussian noise.
            var g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples[i] = (short)Math.Clamp(g * rmsAmplitude, short.MinValue, short.MaxValue);
        }

        return samples;
    }

    public static short[] Add(short[] a, short[] b)
    {
        var sum = new short[Math.Max(a.Length, b.Length)];
        for (var i = 0; i < sum.Length; i++)
        {
            var s = (i < a.Length ? a[i] : 0) + (i < b.Length ? b[i] : 0);
            sum[i] = (short)Math.Clamp(s, short.MinValue, short.MaxValue);
        }

        return sum;
    }

    public static short[] Concat(params short[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Speech from espeak-ng resampled to 8 kHz 16-bit mono by sox.</summary>
    public static async Task<short[]> SpeechAsync(string text, string voice = "en")
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-c", "espeak-ng -v \"$1\" --stdout \"$2\" | sox -t wav - -r 8000 -c 1 -b 16 -e signed-integer -t raw -", "speech", voice, text },
        };
        using var process = Process.Start(start)!;
        using var buffer = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(buffer);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        var bytes = buffer.ToArray();
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return samples;
    }

    /// <summary>Runs a detector over audio in 20 ms frames and returns the digits.</summary>
    public static string DetectInBand(short[] audio)
    {
        var detector = new GoertzelDtmfDetector();
        var found = new List<char>();
        Span<DtmfDigitDetected> output = stackalloc DtmfDigitDetected[4];
        var padded = Concat(audio, Silence(100));
        for (var i = 0; i + 160 <= padded.Length; i += 160)
        {
            var n = detector.Process(padded.AsSpan(i, 160), output);
            for (var k = 0; k < n; k++)
            {
                found.Add(output[k].Digit);
            }
        }

        return new string(found.ToArray());
    }
}

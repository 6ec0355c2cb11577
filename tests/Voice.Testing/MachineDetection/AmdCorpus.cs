using Voice.Media.Tts;

namespace Voice.Testing.MachineDetection;

/// <summary>
/// Generates the answering-machine corpus with espeak-ng (several voices and rates), deterministically: humans
/// say a short answer ("hello?", "yes, hello", "hi this is Sam" …) and wait in silence; machines say an 8–20 word
/// voicemail greeting and, 0.5–1 s later, beep (400–2000 Hz, 250–500 ms). Each clip starts with 0.2–0.7 s of
/// silence (the answer's delay) and is mixed with no noise, white noise or pink noise at two levels. Shared by the
/// evaluation test and the benchmark, so both measure the same audio.
/// </summary>
public static class AmdCorpus
{
    /// <summary>Short answers a person gives when picking up.</summary>
    public static readonly string[] HumanAnswers = ["hello?", "yes, hello", "hi this is Sam", "hello", "yeah, hi", "hello, who is this?"];

    /// <summary>Voicemail greetings of 8 to 20 words.</summary>
    public static readonly string[] MachineGreetings =
    [
        "Hi, you have reached Sam. Please leave a message after the tone.",
        "Hello, this is the voicemail of John Smith. I am not available right now.",
        "You have reached the office of doctor Brown. Please leave your name and number and we will call you back.",
        "Sorry I missed your call, leave a message and I will get back to you.",
        "The person you are calling is not available. Please record your message.",
        "Thanks for calling. Nobody can take your call, so please leave a message.",
        "Hey, it's Alex. Leave me a message and I'll call you back soon.",
        "Welcome to the mailbox of Maria. Please speak after the beep.",
    ];

    /// <summary>espeak-ng voices used (male and female variants, three accents).</summary>
    public static readonly string[] Voices = ["en-us", "en-gb", "en-gb-scotland", "en-us+f3"];

    /// <summary>Speaking rates (words per minute).</summary>
    public static readonly int[] Rates = [140, 175, 210];

    private static readonly int[] BeepFrequencies = [500, 850, 1000, 1400, 1800];

    /// <summary>Noise mixed into a clip.</summary>
    public enum Noise
    {
        /// <summary>Clean.</summary>
        None,

        /// <summary>White noise, RMS 150 (about −43 dBm0).</summary>
        WhiteLow,

        /// <summary>Pink noise, RMS 150.</summary>
        PinkLow,

        /// <summary>White noise, RMS 600 (about −31 dBm0).</summary>
        WhiteHigh,

        /// <summary>Pink noise, RMS 600.</summary>
        PinkHigh,
    }

    /// <summary>
    /// Every (text, voice) pair, each with a rate and two noise variants chosen in rotation: 48 humans and 64
    /// machines.
    /// </summary>
    public static async Task<IReadOnlyList<AmdCorpusClip>> GenerateAsync(EspeakTts tts, CancellationToken cancellationToken = default)
    {
        var clips = new List<AmdCorpusClip>();
        var index = 0;
        foreach (var (texts, machine) in new[] { (HumanAnswers, false), (MachineGreetings, true) })
        {
            foreach (var text in texts)
            {
                foreach (var voice in Voices)
                {
                    var rate = Rates[index % Rates.Length];
                    var speech = (await tts.SynthesizeAsync(text, voice, rate, cancellationToken)).ResampledTo(8000).Samples;
                    for (var variant = 0; variant < 2; variant++)
                    {
                        var noise = (Noise)(((index * 2) + variant) % 5);
                        clips.Add(Compose(index * 2 + variant, text, voice, rate, speech, machine, noise));
                    }

                    index++;
                }
            }
        }

        return clips;
    }

    private static AmdCorpusClip Compose(int seed, string text, string voice, int rate, short[] speech, bool machine, Noise noise)
    {
        var random = new Random(seed);
        var speechSamples = Trim(speech);
        var lead = Silence(random.Next(200, 700));
        List<short[]> parts = [lead, speechSamples];
        TimeSpan? beepStart = null;
        var beepFrequency = 0;
        if (machine)
        {
            var gap = Silence(random.Next(500, 1000));
            beepFrequency = BeepFrequencies[random.Next(BeepFrequencies.Length)];
            parts.Add(gap);
            beepStart = Ms(lead.Length + speechSamples.Length + gap.Length);
            parts.Add(Tone(beepFrequency, random.Next(250, 500), -12));
            parts.Add(Silence(2000));
        }
        else
        {
            parts.Add(Silence(3500));
        }

        var samples = parts.SelectMany(p => p).ToArray();
        Mix(samples, noise, random);
        var name = $"{(machine ? "machine" : "human")} {voice} {rate}wpm {noise} \"{text}\"";
        return new AmdCorpusClip(name, machine, samples, Ms(lead.Length + speechSamples.Length), beepStart, beepFrequency);
    }

    private static TimeSpan Ms(int samples) => TimeSpan.FromMilliseconds(samples / 8.0);

    /// <summary>espeak-ng's leading and trailing near-silence removed, so the clip's timing is the composer's.</summary>
    private static short[] Trim(short[] speech)
    {
        var first = Array.FindIndex(speech, s => Math.Abs((int)s) > 200);
        var last = Array.FindLastIndex(speech, s => Math.Abs((int)s) > 200);
        return first < 0 ? speech : speech[first..(last + 1)];
    }

    private static short[] Silence(int milliseconds) => new short[8 * milliseconds];

    private static short[] Tone(int frequency, int milliseconds, double dbm0)
    {
        var samples = new short[8 * milliseconds];
        var amplitude = 22767 * Math.Pow(10, dbm0 / 20);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / 8000));
        }

        return samples;
    }

    /// <summary>Mixes <paramref name="noise"/> into <paramref name="samples"/> (deterministic for a seeded <paramref name="random"/>).</summary>
    public static void Mix(short[] samples, Noise noise, Random random)
    {
        if (noise == Noise.None)
        {
            return;
        }

        var rms = noise is Noise.WhiteLow or Noise.PinkLow ? 150.0 : 600.0;
        var pink = noise is Noise.PinkLow or Noise.PinkHigh;
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            // Box-Muller Gaussian white noise; Paul Kellet's filter turns it pink (−3 dB/octave, gain about 3.5 normalised below).
            var white = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var value = white;
            if (pink)
            {
                b0 = (0.99886 * b0) + (white * 0.0555179);
                b1 = (0.99332 * b1) + (white * 0.0750759);
                b2 = (0.96900 * b2) + (white * 0.1538520);
                b3 = (0.86650 * b3) + (white * 0.3104856);
                b4 = (0.55000 * b4) + (white * 0.5329522);
                b5 = (-0.7616 * b5) - (white * 0.0168980);
                value = (b0 + b1 + b2 + b3 + b4 + b5 + b6 + (white * 0.5362)) / 3.5;
                b6 = white * 0.115926;
            }

            samples[i] = (short)Math.Clamp(samples[i] + (value * rms), short.MinValue, short.MaxValue);
        }
    }
}

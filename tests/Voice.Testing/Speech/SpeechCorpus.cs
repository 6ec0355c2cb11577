using Voice.Media.Codecs;
using Voice.Media.Streaming;
using Voice.Media.Tts;
using Voice.Testing.MachineDetection;

namespace Voice.Testing.Speech;

/// <summary>
/// The fixed speech set: IVR answers said by espeak-ng in three voices, each rendered twice — wideband (16 kHz, as
/// a browser or a wideband SIP leg gives it) and phone band (8 kHz μ-law, encoded and decoded, then upsampled to
/// 16 kHz the way the node feeds a recognizer), with a line-noise floor (pink, RMS 150: about −43 dBm0), because a
/// real line is never digitally silent. Shared by the accuracy test and the benchmark.
/// </summary>
public static class SpeechCorpus
{
    /// <summary>The phrases, which are also the grammar (hints) the recognizer gets.</summary>
    public static readonly string[] Phrases =
    [
        "yes", "no", "sales", "support", "billing", "operator", "talk to an agent", "check my balance",
        "pay my bill", "cancel my order", "repeat that", "main menu", "technical support", "speak to a person", "goodbye",
    ];

    /// <summary>espeak-ng voices, one per phrase in rotation.</summary>
    public static readonly string[] Voices = ["en-us", "en-gb", "en-us+f3"];

    /// <summary>Renders every phrase once, in one voice each (rotating), in both bands.</summary>
    public static async Task<IReadOnlyList<SpeechCorpusClip>> GenerateAsync(EspeakTts tts)
    {
        var clips = new List<SpeechCorpusClip>();
        for (var i = 0; i < Phrases.Length; i++)
        {
            var voice = Voices[i % Voices.Length];
            var wide = Noisy(Padded((await tts.RenderAsync(Phrases[i], voice, 160, 16000)).Samples, 16000), i);
            var narrow = Noisy(Padded((await tts.RenderAsync(Phrases[i], voice, 160, 8000)).Samples, 8000), i);
            clips.Add(new SpeechCorpusClip(Phrases[i], voice, wide, PhoneBand(narrow)));
        }

        return clips;
    }

    /// <summary>8 kHz audio through G.711 μ-law and back, then upsampled to 16 kHz frame by frame, as on a call.</summary>
    public static short[] PhoneBand(short[] samples8k)
    {
        var encoded = new byte[samples8k.Length];
        var decoded = new short[samples8k.Length];
        G711.MulawEncode(samples8k, encoded);
        G711.MulawDecode(encoded, decoded);
        var upsampler = new FrameUpsampler();
        var wide = new short[decoded.Length * 2];
        for (var offset = 0; offset < decoded.Length; offset += 160)
        {
            var length = Math.Min(160, decoded.Length - offset);
            upsampler.Upsample(decoded.AsSpan(offset, length), wide.AsSpan(offset * 2, length * 2));
        }

        return wide;
    }

    /// <summary>The corpus's noise floor mixed in, seeded by <paramref name="seed"/>.</summary>
    public static short[] Noisy(short[] samples, int seed)
    {
        AmdCorpus.Mix(samples, AmdCorpus.Noise.PinkLow, new Random(seed));
        return samples;
    }

    /// <summary>0.3 s of silence before and after, as an utterance cut by the VAD with its margins.</summary>
    private static short[] Padded(short[] samples, int rate)
    {
        var pad = rate * 3 / 10;
        var padded = new short[samples.Length + (2 * pad)];
        samples.CopyTo(padded, pad);
        return padded;
    }
}

/// <summary>One phrase of <see cref="SpeechCorpus"/>: 16 kHz wideband and phone-band (μ-law, upsampled) audio.</summary>
public sealed record SpeechCorpusClip(string Phrase, string Voice, short[] Wideband, short[] PhoneBand);

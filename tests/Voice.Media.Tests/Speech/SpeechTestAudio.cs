using Voice.Media.Speech;
using Voice.Media.Speech.PocketSphinx;
using Voice.Media.Tts;
using Voice.Testing.Speech;

namespace Voice.Media.Tests.Speech;

/// <summary>The speech corpus and one pocketsphinx recognizer, made once for every speech test (decoders take a while to load).</summary>
internal static class SpeechTestAudio
{
    private static readonly Lazy<Task<IReadOnlyList<SpeechCorpusClip>>> Clips = new(() => SpeechCorpus.GenerateAsync(new EspeakTts()));

    public static PocketSphinxRecognizer Recognizer { get; } = new(new PocketSphinxOptions { MaxDecoders = 8 });

    public static EspeakTts Tts { get; } = new();

    public static Task<IReadOnlyList<SpeechCorpusClip>> CorpusAsync() => Clips.Value;

    /// <summary>Feeds 16 kHz audio to a new utterance in 20 ms pieces and returns the final result.</summary>
    public static async Task<SpeechRecognitionResult> RecognizeAsync(ISpeechRecognizer recognizer, short[] samples, IReadOnlyList<string> phrases)
    {
        using var stream = recognizer.Open(new SpeechRecognitionRequest { Phrases = phrases });
        for (var i = 0; i < samples.Length; i += 320)
        {
            stream.Write(samples.AsSpan(i, Math.Min(320, samples.Length - i)));
        }

        return await stream.FinishAsync(CancellationToken.None);
    }

    /// <summary>8 kHz call audio: <paramref name="before"/> s of silence, the phrase, <paramref name="after"/> s of silence, cut to whole 20 ms frames.</summary>
    public static async Task<short[]> CallAudioAsync(string phrase, double before = 0.5, double after = 1.5)
    {
        var speech = await Tts.SynthesizeAsync(phrase, "en-us", 160);
        var total = (int)(before * 8000) + speech.Samples.Length + (int)(after * 8000);
        var audio = new short[total - (total % 160)];
        speech.Samples.AsSpan(0, Math.Min(speech.Samples.Length, audio.Length - (int)(before * 8000))).CopyTo(audio.AsSpan((int)(before * 8000)));
        return SpeechCorpus.Noisy(audio, phrase.Length);
    }
}

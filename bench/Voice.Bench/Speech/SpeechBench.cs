using System.Diagnostics;
using Voice.Media.Speech;
using Voice.Media.Speech.PocketSphinx;
using Voice.Media.Tts;
using Voice.Media.Vad;
using Voice.Testing;
using Voice.Testing.Speech;

namespace Voice.Bench.Speech;

/// <summary>
/// Speech recognition on the fixed espeak-ng set the tests use (<see cref="SpeechCorpus"/>): pocketsphinx accuracy and
/// real-time factor at 16 kHz and at 8 kHz μ-law, with the phrases as grammar and with the general language model;
/// how often out-of-grammar speech is forced onto a phrase; and the live pipeline (Silero VAD + grammar, as a call
/// runs it): CPU per stream-second, barge-in (speech start heard) and end-of-utterance latency.
/// <c>dotnet run -c Release --project bench/Voice.Bench -- speech [--model PATH] [--verbose]</c>.
/// </summary>
public static class SpeechBench
{
    private static readonly string[] OutOfGrammar = ["what is the weather today", "my name is john", "i would like a pizza", "hello there"];

    public static async Task<int> RunAsync(string[] args)
    {
        var modelPath = BenchArguments.Option(args, "--model")
            ?? Path.Combine(RepositoryRoot.Path, "node_modules", "@jjhbw", "silero-vad", "weights", "silero_vad.onnx");
        var verbose = args.Contains("--verbose");
        var tts = new EspeakTts();
        var clips = await SpeechCorpus.GenerateAsync(tts);
        using var recognizer = new PocketSphinxRecognizer();
        Console.WriteLine($"speech corpus: {clips.Count} phrases, voices {string.Join('/', SpeechCorpus.Voices)}, line noise; pocketsphinx en-us, utterances decoded as one block");
        foreach (var (band, pick) in new (string, Func<SpeechCorpusClip, short[]>)[] { ("16 kHz wideband", c => c.Wideband), ("8 kHz mu-law", c => c.PhoneBand) })
        {
            foreach (var grammar in new[] { true, false })
            {
                await AccuracyAsync(recognizer, clips, band, pick, grammar, verbose);
            }
        }

        await OutOfGrammarAsync(recognizer, tts);
        using var model = SileroVadModel.Load(modelPath);
        await LivePipelineAsync(recognizer, model, tts);
        return 0;
    }

    private static async Task AccuracyAsync(ISpeechRecognizer recognizer, IReadOnlyList<SpeechCorpusClip> clips, string band, Func<SpeechCorpusClip, short[]> pick, bool grammar, bool verbose)
    {
        var right = 0;
        double audioSeconds = 0;
        var cpu = TimeSpan.Zero;
        foreach (var clip in clips)
        {
            var samples = pick(clip);
            audioSeconds += samples.Length / 16000.0;
            var watch = Stopwatch.StartNew();
            var result = await RecognizeAsync(recognizer, samples, grammar ? SpeechCorpus.Phrases : []);
            cpu += watch.Elapsed;
            var ok = result.Best?.Text == clip.Phrase;
            right += ok ? 1 : 0;
            if (verbose)
            {
                Console.WriteLine($"  {band,-16} {(grammar ? "grammar" : "lm"),-8} {clip.Phrase,-20} -> {result.Best?.Text} ({result.Best?.Confidence:F2})");
            }
        }

        Console.WriteLine($"{band,-16} {(grammar ? "phrase grammar" : "language model"),-15}: {right,2}/{clips.Count} right, real-time factor {cpu.TotalSeconds / audioSeconds:F3}");
    }

    private static async Task OutOfGrammarAsync(ISpeechRecognizer recognizer, EspeakTts tts)
    {
        var forced = 0;
        foreach (var text in OutOfGrammar)
        {
            var audio = await tts.RenderAsync(text, "en-us", 160, 8000);
            var result = await RecognizeAsync(recognizer, SpeechCorpus.PhoneBand(SpeechCorpus.Noisy(audio.Samples, text.Length)), SpeechCorpus.Phrases);
            forced += result.Best is null ? 0 : 1;
        }

        Console.WriteLine($"out-of-grammar speech (8 kHz): {forced}/{OutOfGrammar.Length} answered with a phrase of the grammar (a closed grammar cannot say no; confidence does not tell them apart)");
    }

    /// <summary>Each phrase as a call hears it (1 s of line noise, the phrase, 2 s of line noise), through VAD + grammar frame by frame.</summary>
    private static async Task LivePipelineAsync(ISpeechRecognizer recognizer, SileroVadModel model, EspeakTts tts)
    {
        var startLag = new List<double>();
        var endLag = new List<double>();
        var finish = new List<double>();
        var right = 0;
        double streamSeconds = 0;
        var cpu = TimeSpan.Zero;
        var settings = new SpeechListenerSettings { Request = new SpeechRecognitionRequest { Phrases = SpeechCorpus.Phrases }, EndSilence = TimeSpan.FromSeconds(0.8) };
        foreach (var phrase in SpeechCorpus.Phrases)
        {
            var speech = (await tts.SynthesizeAsync(phrase, "en-us", 160)).Samples;
            var (speechStart, speechEnd) = Edges(speech);
            var audio = SpeechCorpus.Noisy([.. new short[8000], .. speech, .. new short[16000 + 160 - (speech.Length % 160)]], phrase.Length);
            using var detector = new UtteranceDetector(recognizer, model.CreateDetector(), settings);
            streamSeconds += audio.Length / 8000.0;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i + 160 <= audio.Length && !detector.IsFinished; i += 160)
            {
                var step = detector.Process(audio.AsSpan(i, 160));
                if (step.Started)
                {
                    startLag.Add((detector.Now - TimeSpan.FromSeconds(1) - speechStart).TotalMilliseconds);
                }

                if (step.Ended is { } ending)
                {
                    endLag.Add((ending.At - TimeSpan.FromSeconds(1) - speechEnd).TotalMilliseconds);
                    var decode = Stopwatch.StartNew();
                    var result = await ending.Stream.FinishAsync(CancellationToken.None);
                    finish.Add(decode.Elapsed.TotalMilliseconds);
                    ending.Stream.Dispose();
                    right += result.Best?.Text == phrase ? 1 : 0;
                }
            }

            cpu += watch.Elapsed;
        }

        startLag.Sort();
        endLag.Sort();
        finish.Sort();
        Console.WriteLine($"live (VAD + grammar, 8 kHz call audio): {right}/{SpeechCorpus.Phrases.Length} right, {cpu.TotalSeconds / streamSeconds:F3} CPU-s per stream-second");
        Console.WriteLine($"  barge-in: speech start heard {BenchArguments.Percentile(startLag, 0.5):F0} ms after it begins (p50), max {startLag[^1]:F0} ms");
        Console.WriteLine($"  end of utterance: {BenchArguments.Percentile(endLag, 0.5):F0} ms after the speech ends (p50; the end silence is 800 ms), max {endLag[^1]:F0} ms; final decode p50 {BenchArguments.Percentile(finish, 0.5):F0} ms, max {finish[^1]:F0} ms");
    }

    /// <summary>Where the phrase's audio really starts and ends (first/last 10 ms above a small level).</summary>
    private static (TimeSpan Start, TimeSpan End) Edges(short[] speech)
    {
        int first = -1, last = -1;
        for (var i = 0; i + 80 <= speech.Length; i += 80)
        {
            double sum = 0;
            for (var k = i; k < i + 80; k++)
            {
                sum += speech[k] * (double)speech[k];
            }

            if (Math.Sqrt(sum / 80) > 300)
            {
                first = first < 0 ? i : first;
                last = i + 80;
            }
        }

        return (TimeSpan.FromSeconds(Math.Max(0, first) / 8000.0), TimeSpan.FromSeconds(Math.Max(0, last) / 8000.0));
    }

    private static async Task<SpeechRecognitionResult> RecognizeAsync(ISpeechRecognizer recognizer, short[] samples, IReadOnlyList<string> phrases)
    {
        using var stream = recognizer.Open(new SpeechRecognitionRequest { Phrases = phrases });
        for (var i = 0; i < samples.Length; i += 320)
        {
            stream.Write(samples.AsSpan(i, Math.Min(320, samples.Length - i)));
        }

        return await stream.FinishAsync(CancellationToken.None);
    }
}

using System.Diagnostics;
using Voice.Media.MachineDetection;
using Voice.Media.Tts;
using Voice.Media.Vad;
using Voice.Testing;
using Voice.Testing.MachineDetection;

namespace Voice.Bench.MachineDetection;

/// <summary>
/// Answering-machine detection on the espeak-ng corpus the tests use (<see cref="AmdCorpus"/>): precision and recall
/// per class, decision time p50/p95, beep detection, and the Silero VAD real-time factor per stream with N streams
/// scoring at once on the shared model.
/// <c>dotnet run -c Release --project bench/Voice.Bench -- amd [--streams 1,2,4,8] [--seconds 20] [--model PATH] [--verbose]</c>.
/// </summary>
public static class MachineDetectionBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var modelPath = BenchArguments.Option(args, "--model")
            ?? Path.Combine(RepositoryRoot.Path, "node_modules", "@jjhbw", "silero-vad", "weights", "silero_vad.onnx");
        var streams = (BenchArguments.Option(args, "--streams") ?? "1,2,4,8").Split(',').Select(int.Parse).ToArray();
        var seconds = BenchArguments.IntOption(args, "--seconds", 20);
        var verbose = args.Contains("--verbose");
        using var model = SileroVadModel.Load(modelPath);
        var clips = await AmdCorpus.GenerateAsync(new EspeakTts());
        Evaluate(model, clips, verbose);
        MeasureVad(model, clips, streams, seconds);
        return 0;
    }

    private static void Evaluate(SileroVadModel model, IReadOnlyList<AmdCorpusClip> clips, bool verbose)
    {
        var settings = new MachineDetectionSettings { GreetingEnd = GreetingEndReporting.All };
        var confusion = new Dictionary<(bool Machine, MachineDetectionResult Result), int>();
        var decision = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
        var afterSpeech = new List<double>();
        var beepLatency = new List<double>();
        var beeps = 0;
        foreach (var clip in clips)
        {
            using var vad = model.CreateDetector();
            var classifier = new AnsweringMachineClassifier(vad, settings);
            for (var i = 0; i + 160 <= clip.Samples.Length && !classifier.IsFinished; i += 160)
            {
                classifier.Process(clip.Samples.AsSpan(i, 160));
            }

            var result = classifier.Result ?? MachineDetectionResult.NotSure;
            confusion[(clip.IsMachine, result)] = confusion.GetValueOrDefault((clip.IsMachine, result)) + 1;
            decision[clip.IsMachine].Add(classifier.ResultAt.TotalMilliseconds);
            if (!clip.IsMachine)
            {
                afterSpeech.Add((classifier.ResultAt - clip.SpeechEnd).TotalMilliseconds);
            }

            if (clip.IsMachine && classifier.GreetingEnd == GreetingEndResult.BeepDetected)
            {
                beeps++;
                beepLatency.Add((classifier.GreetingEndAt - clip.BeepStart!.Value).TotalMilliseconds);
            }

            var truth = clip.IsMachine ? MachineDetectionResult.Machine : MachineDetectionResult.Human;
            if (verbose || result != truth)
            {
                Console.WriteLine($"  {(result == truth ? "ok   " : "WRONG")} {clip.Name}: {result} at {classifier.ResultAt.TotalMilliseconds:F0} ms, greeting {classifier.GreetingEnd?.ToString() ?? "-"}");
            }
        }

        var total = clips.Count;
        var right = confusion.GetValueOrDefault((false, MachineDetectionResult.Human)) + confusion.GetValueOrDefault((true, MachineDetectionResult.Machine));
        Console.WriteLine($"corpus: {total} clips ({clips.Count(c => !c.IsMachine)} human, {clips.Count(c => c.IsMachine)} machine), {right} right ({100.0 * right / total:F1} %)");
        foreach (var (name, machine, result) in new[] { ("human", false, MachineDetectionResult.Human), ("machine", true, MachineDetectionResult.Machine) })
        {
            var truePositives = confusion.GetValueOrDefault((machine, result));
            var predicted = confusion.Where(kv => kv.Key.Result == result).Sum(kv => kv.Value);
            var actual = clips.Count(c => c.IsMachine == machine);
            var times = decision[machine].Order().ToList();
            Console.WriteLine($"  {name,-8} precision {Ratio(truePositives, predicted)}  recall {Ratio(truePositives, actual)}  decision p50 {BenchArguments.Percentile(times, 0.5):F0} ms  p95 {BenchArguments.Percentile(times, 0.95):F0} ms  max {times[^1]:F0} ms (from answer)");
        }

        var notSure = confusion.Where(kv => kv.Key.Result == MachineDetectionResult.NotSure).Sum(kv => kv.Value);
        afterSpeech.Sort();
        beepLatency.Sort();
        Console.WriteLine($"  not_sure {notSure}; human decision after the end of speech p50 {BenchArguments.Percentile(afterSpeech, 0.5):F0} ms  p95 {BenchArguments.Percentile(afterSpeech, 0.95):F0} ms");
        Console.WriteLine($"  beep_detected on {beeps}/{clips.Count(c => c.IsMachine)} greetings, after the beep's start p50 {BenchArguments.Percentile(beepLatency, 0.5):F0} ms  p95 {BenchArguments.Percentile(beepLatency, 0.95):F0} ms");
    }

    private static void MeasureVad(SileroVadModel model, IReadOnlyList<AmdCorpusClip> clips, int[] streamCounts, int seconds)
    {
        // One long stream: the corpus's clips end to end, repeated to the requested length.
        var audio = clips.SelectMany(c => c.Samples).Take(8000 * seconds).ToArray();
        var windows = audio.Length / SileroVoiceActivityDetector.Window;
        Score(model, audio, windows / 10); // warm-up: JIT and the runtime's first-run allocations
        Console.WriteLine($"VAD: Silero v5, {seconds} s of corpus audio per stream ({windows} windows of 32 ms), {Environment.ProcessorCount} cores");
        foreach (var count in streamCounts)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var perStream = new double[count];
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, s =>
            {
                var watch = Stopwatch.StartNew();
                Score(model, audio, windows);
                perStream[s] = watch.Elapsed.TotalSeconds / seconds;
            });
            wall.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            Array.Sort(perStream);
            Console.WriteLine($"  {count,3} streams: real-time factor per stream p50 {perStream[count / 2]:F4} max {perStream[^1]:F4}; CPU {cpu / (seconds * count):F4} s per stream-second; {count * seconds / wall.Elapsed.TotalSeconds:F0} stream-seconds per wall second");
        }
    }

    private static void Score(SileroVadModel model, short[] audio, int windows)
    {
        using var vad = model.CreateDetector();
        for (var w = 0; w < windows; w++)
        {
            vad.Score(audio.AsSpan(w * SileroVoiceActivityDetector.Window, SileroVoiceActivityDetector.Window));
        }
    }

    private static string Ratio(int numerator, int denominator) =>
        denominator == 0 ? "n/a" : $"{100.0 * numerator / denominator:F1} % ({numerator}/{denominator})";
}

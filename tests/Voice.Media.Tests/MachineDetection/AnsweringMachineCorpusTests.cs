using Voice.Media.MachineDetection;
using Voice.Media.Tests.Vad;
using Voice.Media.Tts;
using Voice.Testing.MachineDetection;
using Xunit.Abstractions;

namespace Voice.Media.Tests.MachineDetection;

public class AnsweringMachineCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task At_least_95_percent_of_the_corpus_is_classified_right_and_humans_within_3_5_seconds()
    {
        var clips = await AmdCorpus.GenerateAsync(new EspeakTts());
        var settings = new MachineDetectionSettings { GreetingEnd = GreetingEndReporting.All };
        var wrong = new List<string>();
        var slowHumans = new List<string>();
        var correct = 0;
        var beeps = 0;
        foreach (var clip in clips)
        {
            var (result, resultAt, greeting, _) = Classify(clip.Samples, settings);
            var truth = clip.IsMachine ? MachineDetectionResult.Machine : MachineDetectionResult.Human;
            if (result == truth)
            {
                correct++;
            }
            else
            {
                wrong.Add($"{clip.Name}: {result} at {resultAt.TotalMilliseconds} ms");
            }

            if (clip.IsMachine && greeting == GreetingEndResult.BeepDetected)
            {
                beeps++;
            }

            if (!clip.IsMachine && result == MachineDetectionResult.Human && resultAt > TimeSpan.FromSeconds(3.5))
            {
                slowHumans.Add($"{clip.Name}: {resultAt.TotalMilliseconds} ms");
            }
        }

        var machines = clips.Count(c => c.IsMachine);
        output.WriteLine($"{correct}/{clips.Count} right, beeps {beeps}/{machines}");
        wrong.ForEach(output.WriteLine);
        Assert.True(correct >= 0.95 * clips.Count, $"{correct}/{clips.Count} right:\n{string.Join('\n', wrong)}");
        Assert.True(beeps >= 0.95 * machines, $"beep found on {beeps}/{machines} greetings");
        Assert.True(slowHumans.Count == 0, "humans decided after 3.5 s:\n" + string.Join('\n', slowHumans));
    }

    internal static (MachineDetectionResult? Result, TimeSpan ResultAt, GreetingEndResult? Greeting, TimeSpan GreetingAt) Classify(short[] audio, MachineDetectionSettings settings)
    {
        using var vad = SileroModelFile.Model.CreateDetector();
        var classifier = new AnsweringMachineClassifier(vad, settings);
        for (var i = 0; i + 160 <= audio.Length && !classifier.IsFinished; i += 160)
        {
            classifier.Process(audio.AsSpan(i, 160));
        }

        return (classifier.Result, classifier.ResultAt, classifier.GreetingEnd, classifier.GreetingEndAt);
    }
}

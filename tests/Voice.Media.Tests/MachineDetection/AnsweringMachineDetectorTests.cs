using Voice.Media.MachineDetection;
using Voice.Media.Vad;
using Voice.Testing;

namespace Voice.Media.Tests.MachineDetection;

public class AnsweringMachineDetectorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Frames_fed_as_a_tap_give_the_decision_and_the_greeting_end()
    {
        var greeting = await Signals.SpeechAsync("you have reached the voicemail of Sam, please leave a message after the tone", "en-us");
        var audio = Signals.Concat(Signals.Silence(300), greeting, Signals.Silence(700), Signals.Tone(1000, 400, -12), Signals.Silence(1000));
        await using var detector = new AnsweringMachineDetector(Vad.SileroModelFile.Model.CreateDetector(), new MachineDetectionSettings { GreetingEnd = GreetingEndReporting.All });

        var sent = new short[160];
        for (var i = 0; i + 160 <= audio.Length; i += 160)
        {
            detector.OnFrame(audio.AsSpan(i, 160), sent);
            if (detector.ProcessedFrames + 40 < i / 160)
            {
                // The test feeds faster than real time: let the worker keep up instead of filling its queue.
                var fed = i / 160;
                await Eventually.HoldsAsync(() => detector.ProcessedFrames + 10 >= fed || detector.GreetingEnd.IsCompleted, "the detector's worker catching up", 20);
            }
        }

        Assert.Equal(MachineDetectionResult.Machine, (await detector.Detection.WaitAsync(Timeout)).Result);
        Assert.Equal(GreetingEndResult.BeepDetected, (await detector.GreetingEnd.WaitAsync(Timeout))!.Result);
        Assert.Equal(0, detector.DroppedFrames);
    }

    [Fact]
    public async Task A_stalled_worker_drops_frames_and_counts_them_instead_of_blocking_the_clock()
    {
        using var gate = new SemaphoreSlim(0);
        var detector = new AnsweringMachineDetector(new BlockingVad(gate), new MachineDetectionSettings());
        for (var i = 0; i < 1000; i++)
        {
            detector.OnFrame(new short[160], new short[160]);
        }

        // The queue holds 300 frames (the answer buffer's 5 s and a second); the worker may have taken a few.
        Assert.InRange(detector.DroppedFrames, 1000 - 310, 1000 - 300 + 5);
        gate.Release(10_000);
        await detector.DisposeAsync();
        Assert.True(detector.Detection.IsCompleted);
    }

    [Fact]
    public async Task Stopping_before_a_decision_gives_not_sure_and_no_greeting_end()
    {
        var detector = new AnsweringMachineDetector(Vad.SileroModelFile.Model.CreateDetector(), new MachineDetectionSettings());
        detector.OnFrame(new short[160], new short[160]);
        await detector.DisposeAsync();

        Assert.Equal(MachineDetectionResult.NotSure, (await detector.Detection.WaitAsync(Timeout)).Result);
        Assert.Null(await detector.GreetingEnd.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_received_frame_of_the_wrong_size_is_dropped_and_counted()
    {
        await using var detector = new AnsweringMachineDetector(Vad.SileroModelFile.Model.CreateDetector(), new MachineDetectionSettings());
        detector.OnFrame(new short[100], new short[160]);
        Assert.Equal(1, detector.DroppedFrames);
    }

    /// <summary>A VAD whose scoring waits on a gate: the worker stalls as a starved thread would.</summary>
    private sealed class BlockingVad(SemaphoreSlim gate) : IVoiceActivityDetector
    {
        public int WindowSamples => 256;

        public float Score(ReadOnlySpan<short> window)
        {
            gate.Wait();
            return 0;
        }

        public void Reset()
        {
        }

        public void Dispose()
        {
        }
    }
}

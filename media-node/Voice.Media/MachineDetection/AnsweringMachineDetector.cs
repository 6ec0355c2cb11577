using System.Buffers;
using System.Threading.Channels;
using Voice.Media.Taps;
using Voice.Media.Vad;

namespace Voice.Media.MachineDetection;

/// <summary>
/// Answering-machine detection live on a call leg: a tap that copies each received frame into a bounded queue on
/// the clock thread (a full queue drops the frame and counts it) and runs <see cref="AnsweringMachineClassifier"/>
/// with its VAD on its own task, so model inference never delays the media clock. Results come as tasks.
/// </summary>
public sealed class AnsweringMachineDetector : IMediaFrameTap, IAsyncDisposable
{
    // Room for the audio since the answer that an AnswerAudioBuffer replays at once (5 s), and a second more.
    private const int QueueFrames = 300;

    private readonly Channel<short[]> _frames = Channel.CreateBounded<short[]>(
        new BoundedChannelOptions(QueueFrames) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly AnsweringMachineClassifier _classifier;
    private readonly IVoiceActivityDetector _vad;
    private readonly TaskCompletionSource<MachineDetectionOutcome> _detection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<GreetingEndOutcome?> _greetingEnd = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private long _dropped;
    private long _processed;
    private volatile bool _finished;

    /// <summary>Starts the detector's task; add it to the leg's session with <c>AddTap</c>. Owns <paramref name="vad"/>.</summary>
    public AnsweringMachineDetector(IVoiceActivityDetector vad, MachineDetectionSettings settings)
    {
        _vad = vad;
        _classifier = new AnsweringMachineClassifier(vad, settings);
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Completes with who answered; not sure when stopped first.</summary>
    public Task<MachineDetectionOutcome> Detection => _detection.Task;

    /// <summary>Completes with how the greeting ended, or null when there is nothing to report (a human, no beep, stopped).</summary>
    public Task<GreetingEndOutcome?> GreetingEnd => _greetingEnd.Task;

    /// <summary>Frames dropped because the queue was full (the worker fell more than a second behind).</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>Frames analysed so far.</summary>
    public long ProcessedFrames => Interlocked.Read(ref _processed);

    /// <inheritdoc />
    public void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent)
    {
        if (_finished)
        {
            return;
        }

        if (received.Length != AnsweringMachineClassifier.FrameSamples)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        var copy = ArrayPool<short>.Shared.Rent(AnsweringMachineClassifier.FrameSamples);
        received.CopyTo(copy);
        if (!_frames.Writer.TryWrite(copy))
        {
            ArrayPool<short>.Shared.Return(copy);
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Stops analysing: undecided results complete as not sure / null. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        _frames.Writer.TryComplete();
        await _stop.CancelAsync();
        await _worker;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var frame in _frames.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    if (!_classifier.IsFinished)
                    {
                        Publish(_classifier.Process(frame.AsSpan(0, AnsweringMachineClassifier.FrameSamples)));
                        Interlocked.Increment(ref _processed);
                    }
                }
                finally
                {
                    ArrayPool<short>.Shared.Return(frame);
                }

                if (_classifier.IsFinished)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the results below say what was not decided.
        }
        catch (Exception e)
        {
            _detection.TrySetException(e);
            _greetingEnd.TrySetException(e);
        }
        finally
        {
            _finished = true;
            _frames.Writer.TryComplete();
            _detection.TrySetResult(new MachineDetectionOutcome(MachineDetectionResult.NotSure, _classifier.Now));
            _greetingEnd.TrySetResult(null);
            _vad.Dispose();
            while (_frames.Reader.TryRead(out var left))
            {
                ArrayPool<short>.Shared.Return(left);
            }
        }
    }

    private void Publish(MachineDetectionUpdate update)
    {
        if (update.HasFlag(MachineDetectionUpdate.DetectionEnded))
        {
            _detection.TrySetResult(new MachineDetectionOutcome(_classifier.Result!.Value, _classifier.ResultAt));
        }

        if (update.HasFlag(MachineDetectionUpdate.GreetingEnded))
        {
            _greetingEnd.TrySetResult(new GreetingEndOutcome(_classifier.GreetingEnd!.Value, _classifier.GreetingEndAt));
        }
    }
}

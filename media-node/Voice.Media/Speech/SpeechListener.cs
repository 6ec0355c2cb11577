using System.Buffers;
using System.Threading.Channels;
using Voice.Media.Taps;

namespace Voice.Media.Speech;

/// <summary>
/// Speech recognition live on one track of a call leg: a tap that copies each frame into a bounded queue on the
/// clock thread (a full queue drops the frame and counts it) and runs an <see cref="UtteranceDetector"/> on its own
/// task, so VAD and decoding never delay the media clock. Results come on <see cref="Events"/>, in order; a
/// request/response recognizer's answer for one utterance may still be on its way while the next is heard.
/// </summary>
public sealed class SpeechListener : IMediaFrameTap, IAsyncDisposable
{
    private const int QueueFrames = 100;
    private const int FrameSamples = 160;
    private readonly Channel<short[]> _frames = Channel.CreateBounded<short[]>(
        new BoundedChannelOptions(QueueFrames) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Channel<SpeechListenerEvent> _events = Channel.CreateUnbounded<SpeechListenerEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly UtteranceDetector _detector;
    private readonly SpeechTrack _track;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private Task _finals = Task.CompletedTask;
    private long _dropped;
    private long _processed;
    private volatile bool _finished;
    private volatile bool _discard;

    /// <summary>Starts listening on <paramref name="track"/>; add it to the leg's session with <c>AddTap</c>. Owns <paramref name="detector"/>.</summary>
    public SpeechListener(UtteranceDetector detector, SpeechTrack track)
    {
        _detector = detector;
        _track = track;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>What was heard; completes when the listener ends (its utterance or start timeout, a failure, or disposal).</summary>
    public ChannelReader<SpeechListenerEvent> Events => _events.Reader;

    /// <summary>Which audio of the leg this listener hears.</summary>
    public SpeechTrack Track => _track;

    /// <summary>Frames dropped because the queue was full (the worker fell two seconds behind).</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>True once the listener ended and takes no more frames.</summary>
    public bool IsFinished => _finished;

    /// <summary>Frames taken by the worker so far.</summary>
    public long ProcessedFrames => Interlocked.Read(ref _processed);

    /// <inheritdoc />
    public void OnFrame(ReadOnlySpan<short> received, ReadOnlySpan<short> sent)
    {
        if (_finished)
        {
            return;
        }

        var frame = _track == SpeechTrack.Outbound ? sent : received;
        if (frame.Length != FrameSamples)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        var copy = ArrayPool<short>.Shared.Rent(FrameSamples);
        frame.CopyTo(copy);
        if (!_frames.Writer.TryWrite(copy))
        {
            ArrayPool<short>.Shared.Return(copy);
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>
    /// Stops listening. An utterance being spoken is finished and its result reported (reason stopped) unless
    /// <paramref name="discard"/>; then <see cref="Events"/> completes. Idempotent.
    /// </summary>
    public async Task StopAsync(bool discard = false)
    {
        _discard |= discard;
        _frames.Writer.TryComplete();
        await _worker;
    }

    /// <summary>Stops at once: an open utterance is dropped and a result still on its way is cancelled.</summary>
    public async ValueTask DisposeAsync()
    {
        _discard = true;
        await _stop.CancelAsync();
        await StopAsync(discard: true);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var frame in _frames.Reader.ReadAllAsync())
            {
                UtteranceStep step;
                try
                {
                    step = _detector.Process(frame.AsSpan(0, FrameSamples));
                }
                finally
                {
                    ArrayPool<short>.Shared.Return(frame);
                    Interlocked.Increment(ref _processed);
                }

                if (step.Started)
                {
                    Publish(new SpeechStarted(_detector.Now));
                }

                if (step.Partial is { } partial)
                {
                    Publish(new SpeechPartial(_detector.Now, partial));
                }

                if (step.Ended is { } ending)
                {
                    Finish(ending);
                }

                if (step.TimedOut)
                {
                    Publish(new SpeechTimedOut(_detector.Now));
                }

                if (_detector.IsFinished)
                {
                    break;
                }
            }

            if (_detector.Stop() is { } open)
            {
                if (_discard)
                {
                    open.Stream.Dispose();
                }
                else
                {
                    Finish(open);
                }
            }
        }
        catch (Exception e)
        {
            // Whatever broke (the recognizer, the VAD's runtime) ends this listener only, never the call.
            Publish(new SpeechFailed(_detector.Now, e.Message));
        }
        finally
        {
            _finished = true;
            _frames.Writer.TryComplete();
            while (_frames.Reader.TryRead(out var left))
            {
                ArrayPool<short>.Shared.Return(left);
            }

            await _finals;
            _detector.Dispose();
            _events.Writer.TryComplete();
        }
    }

    /// <summary>Finishes an utterance after the ones before it, so finals come in order; the frame loop does not wait.</summary>
    private void Finish(UtteranceEnding ending) => _finals = FinishAfterAsync(_finals, ending);

    private async Task FinishAfterAsync(Task previous, UtteranceEnding ending)
    {
        await previous;
        try
        {
            using (ending.Stream)
            {
                var result = await ending.Stream.FinishAsync(_stop.Token);
                Publish(new SpeechFinal(ending.At, result, ending.Reason, ending.Duration));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Publish(new SpeechFailed(ending.At, e.Message));
        }
    }

    private void Publish(SpeechListenerEvent e) => _events.Writer.TryWrite(e);
}

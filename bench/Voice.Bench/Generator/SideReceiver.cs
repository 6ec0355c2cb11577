using System.Diagnostics;
using Voice.Media.Interop;

namespace Voice.Bench.Generator;

/// <summary>
/// The receive thread of one generator side: every 2 ms a non-blocking <c>recvmmsg</c> takes what is queued (again at
/// once while full batches come) and hands each datagram with its kernel stamp and source port to the accounting. <see cref="LastCounted"/> is when a datagram last changed a count that matters for the window,
/// and <see cref="Passes"/> how many receive calls returned, which together tell the controller the drain is over.
/// </summary>
internal sealed class SideReceiver
{
    private const int BatchSize = 256;
    private static readonly TimeSpan ReadInterval = TimeSpan.FromMilliseconds(2);
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _lastCounted = Stopwatch.GetTimestamp();
    private long _passes;

    public SideReceiver(int index, GeneratorSide side, Func<int, DatagramBatch, int, bool> onPacket)
    {
        _thread = new Thread(() => Run(index, side, onPacket)) { IsBackground = true, Name = $"generator-receive-{index}", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Stopwatch timestamp of the last datagram the accounting counted.</summary>
    public long LastCounted => Interlocked.Read(ref _lastCounted);

    /// <summary>Receive calls made; two more than at some moment mean one began and ended after it.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Stops and joins the thread.</summary>
    public void Stop()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run(int index, GeneratorSide side, Func<int, DatagramBatch, int, bool> onPacket)
    {
        using var batch = new DatagramBatch(BatchSize, 512);
        while (!_stop)
        {
            var count = batch.Receive(side.Rtp, LinuxSocketCalls.MessageDontWait);
            var counted = false;
            for (var i = 0; i < count; i++)
            {
                counted |= onPacket(index, batch, i);
            }

            if (counted)
            {
                Interlocked.Exchange(ref _lastCounted, Stopwatch.GetTimestamp());
            }

            if (count < BatchSize)
            {
                // The kernel stamped each datagram when it came, so reading late costs no accuracy: a short sleep
                // lets a batch gather and spares the cores a wake-up per datagram (4 MB buffers hold far more).
                Thread.Sleep(ReadInterval);
            }

            Interlocked.Increment(ref _passes);
        }
    }
}

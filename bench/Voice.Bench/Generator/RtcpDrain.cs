using Voice.Media.Interop;

namespace Voice.Bench.Generator;

/// <summary>Empties the sides' RTCP sockets every 20 ms (relays' reports are few) and counts what came.</summary>
internal sealed class RtcpDrain
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _received;

    public RtcpDrain(IReadOnlyList<GeneratorSide> sides)
    {
        _thread = new Thread(() => Run(sides)) { IsBackground = true, Name = "generator-rtcp" };
        _thread.Start();
    }

    public long Received => Interlocked.Read(ref _received);

    public void Stop()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run(IReadOnlyList<GeneratorSide> sides)
    {
        using var batch = new DatagramBatch(64, 1500);
        while (!_stop)
        {
            foreach (var side in sides)
            {
                int count;
                while ((count = batch.Receive(side.Rtcp, LinuxSocketCalls.MessageDontWait)) > 0)
                {
                    Interlocked.Add(ref _received, count);
                }
            }

            Thread.Sleep(20);
        }
    }
}

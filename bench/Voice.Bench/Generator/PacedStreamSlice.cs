using System.Diagnostics;
using System.Net;
using Voice.Media.Clock;
using Voice.Media.Codecs;
using Voice.Media.Interop;
using Voice.Media.Rtp;

namespace Voice.Bench.Generator;

/// <summary>
/// The streams the generator sends at one phase of the 20 ms period (a <see cref="MediaClock"/> target, so the
/// deadlines are the clock's absolute ones): each tick writes every stream's next RTP packet (PCMU, 160 bytes, its
/// own SSRC, sequence number and timestamp) into a batch per side and sends each batch with <c>sendmmsg</c>. Records
/// how late the sends finished against the tick's deadline, per packet, while the window is open.
/// </summary>
internal sealed class PacedStreamSlice : IMediaClockTarget, IDisposable
{
    private const int FrameSamples = 160;
    private const int MaxBatch = 1024;
    private static readonly byte[] Tone = ToneFrame();
    private readonly SendWindow _window;
    private readonly int[] _streams;
    private readonly List<(GeneratorSide Side, DatagramBatch Batch, int[] Streams)> _batches = [];
    private readonly PacingStatistics _lateness;
    private int _stage = SendWindow.Warmup;

    public PacedStreamSlice(SendWindow window, IReadOnlyList<GeneratorSide> sides, IReadOnlyList<(int Stream, StreamRoute Route)> streams, PacingStatistics lateness)
    {
        _window = window;
        _lateness = lateness;
        _streams = [.. streams.Select(s => s.Stream)];
        foreach (var group in streams.GroupBy(s => s.Route.SendSide))
        {
            foreach (var chunk in group.Chunk(MaxBatch))
            {
                var batch = new DatagramBatch(chunk.Length, RtpHeader.FixedSize + FrameSamples);
                for (var j = 0; j < chunk.Length; j++)
                {
                    batch.SetDestination(j, new IPEndPoint(IPAddress.Loopback, chunk[j].Route.DestinationPort).Serialize());
                    batch.SetLength(j, RtpHeader.FixedSize + FrameSamples);
                }

                _batches.Add((sides[group.Key], batch, [.. chunk.Select(c => c.Stream)]));
            }
        }
    }

    public void OnTick(in MediaTick tick)
    {
        var stage = _window.Stage;
        if (stage != _stage)
        {
            _window.Enter(stage, _streams);
            _stage = stage;
        }

        if (stage == SendWindow.Stopped)
        {
            return;
        }

        var packets = 0;
        foreach (var (side, batch, streams) in _batches)
        {
            var now = RealtimeNanoseconds();
            for (var j = 0; j < streams.Length; j++)
            {
                var s = streams[j];
                var k = _window.Generated[s]++;
                _window.SentAt[(s * SendWindow.SentAtSlots) + (int)(k % SendWindow.SentAtSlots)] = now;
                var header = new RtpHeader(0, (ushort)(_window.FirstSequence[s] + k), (uint)(_window.FirstTimestamp[s] + (k * FrameSamples)), _window.Ssrc[s], Marker: k == 0);
                RtpPacket.Write(batch.Slot(j), header, Tone);
            }

            packets += Send(side, batch, streams);
        }

        if (stage == SendWindow.Measuring)
        {
            var late = (Stopwatch.GetTimestamp() - tick.Deadline) * 1_000_000 / Stopwatch.Frequency;
            for (var p = 0; p < packets; p++)
            {
                _lateness.Record(late);
            }
        }
    }

    public void Dispose()
    {
        foreach (var (_, batch, _) in _batches)
        {
            batch.Dispose();
        }
    }

    private static long RealtimeNanoseconds() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    // sendmmsg may take fewer than asked (send again from there) or fail on the first one (a relay's ICMP error
    // surfacing: count it and go on with the next).
    private int Send(GeneratorSide side, DatagramBatch batch, int[] streams)
    {
        var sent = 0;
        for (var i = 0; i < streams.Length;)
        {
            var result = batch.Send(side.Rtp, i, streams.Length - i);
            if (result > 0)
            {
                for (var q = i; q < i + result; q++)
                {
                    _window.SentOk[streams[q]]++;
                }

                i += result;
                sent += result;
            }
            else if (result != -LinuxSocketCalls.ErrorInterrupted)
            {
                Interlocked.Increment(ref _window.SendErrors);
                i++;
            }
        }

        return sent;
    }

    // 400 Hz at 8 kHz repeats every 20 samples, so one 160-sample frame loops seamlessly.
    private static byte[] ToneFrame()
    {
        var samples = new short[FrameSamples];
        for (var i = 0; i < FrameSamples; i++)
        {
            samples[i] = (short)(6000 * Math.Sin(2 * Math.PI * 400 * i / 8000));
        }

        var frame = new byte[FrameSamples];
        AudioCodec.Pcmu.Encode(samples, frame);
        return frame;
    }
}

using System.Diagnostics;
using Voice.Media.Jitter;

namespace Voice.Media.Tests.Jitter;

public class JitterBufferTests
{
    private const uint Ssrc = 0x1234;
    private const uint FirstTimestamp = 4294960000; // wraps within the first second

    [Theory]
    [InlineData(160, 20)]
    [InlineData(240, 30)]
    public void In_order_packets_of_20_or_30_ms_play_out_contiguously_as_20_ms_frames(int packetSamples, int packetMs)
    {
        var buffer = new JitterBuffer();
        var output = Simulate(buffer, Enumerable.Range(0, 30).Select(i => Packet(i, packetSamples, arrivalMs: i * packetMs)), ticks: 70);

        var audio = AudioSamples(output);
        Assert.Equal(30 * packetSamples, audio.Count);
        Assert.Equal(Enumerable.Range(0, audio.Count).Select(Ramp), audio);
        var lastAudio = output.FindLastIndex(o => o.Kind == JitterFrameKind.Audio);
        Assert.DoesNotContain(output.Take(lastAudio), o => o.Kind == JitterFrameKind.Concealed);
    }

    [Fact]
    public void Reordered_packets_are_put_back_in_order()
    {
        var buffer = new JitterBuffer();
        var order = new[] { 0, 2, 1, 3, 5, 4, 6, 7, 9, 8 };
        var output = Simulate(buffer, order.Select((seq, i) => Packet(seq, 160, arrivalMs: i * 20)), ticks: 20);

        Assert.Equal(Enumerable.Range(0, 10 * 160).Select(Ramp), AudioSamples(output));
    }

    [Fact]
    public void Duplicates_and_late_packets_are_dropped_and_counted()
    {
        var buffer = new JitterBuffer();
        var frame = new short[160];
        Push(buffer, Packet(0, 160, 0));
        Assert.Equal(JitterPushResult.Duplicate, Push(buffer, Packet(0, 160, 0)));
        for (var i = 0; i < 4; i++)
        {
            buffer.Pull(frame);
        }

        Assert.Equal(JitterPushResult.Late, Push(buffer, Packet(1, 160, 100)));
        Assert.Equal(1, buffer.Counters.Duplicates);
        Assert.Equal(1, buffer.Counters.Late);
    }

    [Fact]
    public void A_lost_packet_is_concealed_with_a_faded_repeat_then_silence()
    {
        var buffer = new JitterBuffer();
        var packets = Enumerable.Range(0, 5).Select(i => Packet(i, 160, i * 20)).Where(p => p.Sequence != 2).ToList();
        var output = Simulate(buffer, packets, ticks: 12);

        var kinds = output.Select(o => o.Kind).SkipWhile(k => k == JitterFrameKind.Silence).ToList();
        Assert.Equal([JitterFrameKind.Audio, JitterFrameKind.Audio, JitterFrameKind.Concealed, JitterFrameKind.Audio, JitterFrameKind.Audio, JitterFrameKind.Concealed, JitterFrameKind.Concealed, JitterFrameKind.Concealed, JitterFrameKind.Silence], kinds.Take(9));
        var concealed = output.First(o => o.Kind == JitterFrameKind.Concealed).Samples;
        var previous = output[output.FindIndex(o => o.Kind == JitterFrameKind.Concealed) - 1].Samples;
        Assert.Equal(previous.Select(s => (short)(s >> 1)), concealed);
    }

    [Fact]
    public void A_new_ssrc_resynchronises()
    {
        var buffer = new JitterBuffer();
        Push(buffer, Packet(0, 160, 0));

        Assert.Equal(JitterPushResult.Resynchronised, buffer.Push(Ssrc + 1, 99, false, new short[160], 0));
        Assert.Equal(1, buffer.Counters.Resyncs);
    }

    [Fact]
    public void A_timestamp_jump_resynchronises_and_playout_continues()
    {
        var buffer = new JitterBuffer();
        var packets = Enumerable.Range(0, 5).Select(i => Packet(i, 160, i * 20))
            .Concat(Enumerable.Range(0, 5).Select(i => Packet(i + 100000, 160, 100 + (i * 20))));
        var output = Simulate(buffer, packets, ticks: 20);

        Assert.Equal(1, buffer.Counters.Resyncs);
        Assert.Equal(10 * 160, AudioSamples(output).Count);
    }

    [Fact]
    public void Delay_grows_with_measured_jitter_and_stays_minimal_without_it()
    {
        var steady = new JitterBuffer();
        var jittery = new JitterBuffer();
        var random = new Random(5);
        Simulate(steady, Enumerable.Range(0, 100).Select(i => Packet(i, 160, i * 20)), ticks: 110);
        Simulate(jittery, Enumerable.Range(0, 100).Select(i => Packet(i, 160, (i * 20) + random.Next(0, 60))).OrderBy(p => p.ArrivalMs), ticks: 110);

        Assert.Equal(40, steady.TargetDelayMilliseconds);
        Assert.True(jittery.TargetDelayMilliseconds > 40);
        Assert.True(jittery.JitterMilliseconds > 5);
    }

    [Fact]
    public void A_burst_beyond_capacity_drops_the_oldest_packets_and_counts_them()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions { Capacity = 4 });

        for (var i = 0; i < 6; i++)
        {
            Push(buffer, Packet(i, 160, 0));
        }

        Assert.Equal(2, buffer.Counters.Overflows);
        Assert.Equal(6, buffer.Counters.Accepted);
    }

    [Fact]
    public void Empty_or_oversized_packets_are_rejected()
    {
        var buffer = new JitterBuffer();

        Assert.Equal(JitterPushResult.Oversized, buffer.Push(Ssrc, 0, false, new short[481], 0));
        Assert.Equal(JitterPushResult.Oversized, buffer.Push(Ssrc, 0, false, [], 0));
        Assert.Equal(2, buffer.Counters.Oversized);
    }

    private static short Ramp(int index) => (short)((index % 20000) + 1);

    private sealed record TestPacket(int Sequence, uint Timestamp, short[] Samples, int ArrivalMs);

    private sealed record Output(JitterFrameKind Kind, short[] Samples);

    private static TestPacket Packet(int sequence, int samplesPerPacket, int arrivalMs)
    {
        var samples = Enumerable.Range(sequence * samplesPerPacket, samplesPerPacket).Select(Ramp).ToArray();
        return new TestPacket(sequence, unchecked(FirstTimestamp + (uint)(sequence * samplesPerPacket)), samples, arrivalMs);
    }

    private static JitterPushResult Push(JitterBuffer buffer, TestPacket p) =>
        buffer.Push(Ssrc, p.Timestamp, p.Sequence == 0, p.Samples, p.ArrivalMs * Stopwatch.Frequency / 1000);

    private static List<Output> Simulate(JitterBuffer buffer, IEnumerable<TestPacket> packets, int ticks)
    {
        var pending = new Queue<TestPacket>(packets);
        var output = new List<Output>();
        for (var tick = 0; tick < ticks; tick++)
        {
            while (pending.Count > 0 && pending.Peek().ArrivalMs <= tick * 20)
            {
                Push(buffer, pending.Dequeue());
            }

            var frame = new short[160];
            output.Add(new Output(buffer.Pull(frame), frame));
        }

        return output;
    }

    private static List<short> AudioSamples(List<Output> output) =>
        output.Where(o => o.Kind == JitterFrameKind.Audio).SelectMany(o => o.Samples).ToList();
}

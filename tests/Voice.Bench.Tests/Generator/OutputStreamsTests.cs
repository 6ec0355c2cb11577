using Voice.Bench.Generator;
using Voice.Media.Rtp;

namespace Voice.Bench.Tests.Generator;

public class OutputStreamsTests
{
    private const long Origin = 1_800_000_000_000_000_000; // a CLOCK_REALTIME instant, ns
    private const long Period = 20_000_000;
    private const int RelayPort = 6000;

    [Fact]
    public void A_forwarded_stream_loses_what_was_sent_in_the_window_and_never_came_and_stragglers_still_count()
    {
        var (sent, outputs) = OneStream();
        outputs.OpenWindow(Origin + (5 * Period));
        for (var k = 0; k < 20; k++)
        {
            Send(sent, k, Origin + (k * Period));
            if (k == 5)
            {
                sent.Enter(SendWindow.Measuring, [0]);
            }

            if (k == 15)
            {
                outputs.CloseWindow(Origin + (15 * Period));
                sent.Enter(SendWindow.Stopped, [0]);
            }

            if (k is not (8 or 14))
            {
                Deliver(outputs, sent.Ssrc[0], (ushort)(sent.FirstSequence[0] + k), Origin + (k * Period) + 1000);
            }

            if (k == 9)
            {
                Deliver(outputs, sent.Ssrc[0], (ushort)(sent.FirstSequence[0] + k), Origin + (k * Period) + 2000); // a duplicate
            }
        }

        // Packet 14 (inside the window) comes long after the window closed: it is still counted.
        Deliver(outputs, sent.Ssrc[0], (ushort)(sent.FirstSequence[0] + 14), Origin + (19 * Period));
        var totals = outputs.Totals(windowSeconds: 0.2);

        Assert.Equal(1, totals.Forwarded);
        Assert.Equal(10, totals.SentInWindow); // packets 5..14 (the window moved at packet 5's send, before it)
        Assert.Equal(9, totals.ReceivedInWindow);
        Assert.Equal(1, totals.LostInWindow); // packet 8
        Assert.Equal(2, outputs.Reordered); // the duplicate and the straggler
    }

    [Fact]
    public void A_reencoded_stream_loses_the_gaps_in_its_own_numbering_inside_the_window_across_a_wrap()
    {
        var (_, outputs) = OneStream();
        outputs.OpenWindow(Origin + (5 * Period));
        outputs.CloseWindow(Origin + (25 * Period));
        for (var i = 0; i < 30; i++)
        {
            if (i is not (12 or 13))
            {
                Deliver(outputs, 0xABCD, (ushort)(65530 + i), Origin + (i * Period));
            }
        }

        var totals = outputs.Totals(windowSeconds: 0.4);

        Assert.Equal(1, totals.Reencoded);
        Assert.Equal(19, totals.ReceivedInWindow); // packets 5..25 stamped inside, less the two missing
        Assert.Equal(2, totals.LostInWindow);
        Assert.Equal(0, outputs.Jitter.MaxMicroseconds); // the gap is three periods long for three numbers: no jitter
        Assert.Equal(0, outputs.Reordered);
    }

    [Fact]
    public void A_reencoded_stream_whose_relay_skipped_ticks_loses_the_periods_it_sent_nothing_in_though_its_numbers_run_on()
    {
        var (_, outputs) = OneStream();
        outputs.OpenWindow(Origin);
        outputs.CloseWindow(Origin + (20 * Period));
        long[] periods = [0, 1, 2, 3, 7, 8, 9]; // nothing in periods 4 to 6, yet the sequence numbers have no gap
        for (var i = 0; i < periods.Length; i++)
        {
            Deliver(outputs, 0xABCD, (ushort)(500 + i), Origin + (periods[i] * Period));
        }

        var totals = outputs.Totals(windowSeconds: 0.4);

        Assert.Equal(7, totals.ReceivedInWindow);
        Assert.Equal(3, totals.LostInWindow);
        Assert.Equal(60_000, outputs.Jitter.MaxMicroseconds);
    }

    [Fact]
    public void Jitter_of_a_reencoded_stream_is_its_deviation_from_the_20_ms_grid_inside_the_window()
    {
        var (_, outputs) = OneStream();
        outputs.OpenWindow(Origin);
        outputs.CloseWindow(Origin + (10 * Period));
        long[] milliseconds = [0, 20, 43, 60, 80];
        for (var i = 0; i < milliseconds.Length; i++)
        {
            Deliver(outputs, 0xABCD, (ushort)(100 + i), Origin + (milliseconds[i] * 1_000_000));
        }

        Deliver(outputs, 0xABCD, 105, Origin + (11 * Period) + 7_000_000); // outside the window: not in the figure

        Assert.Equal(4, outputs.Jitter.Count);
        Assert.Equal(3000, outputs.Jitter.MaxMicroseconds);
    }

    [Fact]
    public void Jitter_of_a_forwarded_stream_leaves_out_the_generators_own_timing()
    {
        var (sent, outputs) = OneStream();
        outputs.OpenWindow(Origin);
        outputs.CloseWindow(Origin + (10 * Period));
        long[] sentAt = [0, 20, 25, 60, 80]; // packet 2 left 15 ms early; the relay passes the timing on
        for (var k = 0; k < sentAt.Length; k++)
        {
            Send(sent, k, Origin + (sentAt[k] * 1_000_000));
            Deliver(outputs, sent.Ssrc[0], (ushort)(sent.FirstSequence[0] + k), Origin + (sentAt[k] * 1_000_000) + 300_000);
        }

        Assert.Equal(4, outputs.Jitter.Count);
        Assert.Equal(0, outputs.Jitter.MaxMicroseconds);
        Assert.Equal(15_000, outputs.ForwardedGridJitter.MaxMicroseconds);
    }

    [Fact]
    public void Datagrams_from_unknown_ports_or_not_rtp_are_counted_apart()
    {
        var (_, outputs) = OneStream();

        Assert.False(outputs.OnPacket(1, RelayPort + 2, Packet(1, 1), Origin));
        Assert.False(outputs.OnPacket(1, RelayPort, [0x00, 1, 2], Origin));
        Assert.Equal(2, outputs.Unknown);
        Assert.Equal(0, outputs.Received);
    }

    [Fact]
    public void A_stream_that_never_came_back_loses_everything_it_sent_in_the_window()
    {
        var sent = new SendWindow(2);
        var outputs = new OutputStreams(sent, [new StreamRoute(0, 5000, 1, RelayPort), new StreamRoute(1, 5002, 0, RelayPort + 2)], sides: 2, capacity: 100);
        outputs.OpenWindow(Origin);
        sent.Enter(SendWindow.Measuring, [0, 1]);
        for (var k = 0; k < 10; k++)
        {
            Send(sent, k, Origin + (k * Period), stream: 0);
            Send(sent, k, Origin + (k * Period), stream: 1);
            Deliver(outputs, sent.Ssrc[0], (ushort)(sent.FirstSequence[0] + k), Origin + (k * Period) + 1000);
        }

        sent.Enter(SendWindow.Stopped, [0, 1]);
        outputs.CloseWindow(Origin + (10 * Period));
        var totals = outputs.Totals(windowSeconds: 0.2);

        Assert.Equal(1, totals.Silent);
        Assert.Equal(20, totals.SentInWindow);
        Assert.Equal(10, totals.ReceivedInWindow);
        Assert.Equal(10, totals.LostInWindow);
    }

    private static (SendWindow Sent, OutputStreams Outputs) OneStream()
    {
        var sent = new SendWindow(1);
        return (sent, new OutputStreams(sent, [new StreamRoute(0, 5000, 1, RelayPort)], sides: 2, capacity: 100));
    }

    // What PacedStreamSlice does per packet: count it, note when it left.
    private static void Send(SendWindow sent, int k, long at, int stream = 0)
    {
        sent.Generated[stream] = k + 1;
        sent.SentOk[stream]++;
        sent.SentAt[(stream * SendWindow.SentAtSlots) + (k % SendWindow.SentAtSlots)] = at;
    }

    private static void Deliver(OutputStreams outputs, uint ssrc, ushort sequence, long stamp) =>
        outputs.OnPacket(1, RelayPort, Packet(ssrc, sequence), stamp);

    private static byte[] Packet(uint ssrc, ushort sequence)
    {
        var packet = new byte[RtpHeader.FixedSize + 160];
        RtpPacket.Write(packet, new RtpHeader(0, sequence, sequence * 160u, ssrc), new byte[160]);
        return packet;
    }
}

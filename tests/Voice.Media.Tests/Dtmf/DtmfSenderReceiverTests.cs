using Voice.Media.Dtmf;

namespace Voice.Media.Tests.Dtmf;

public class DtmfSenderReceiverTests
{
    private record struct Sent(uint Timestamp, bool Marker, byte[] Payload);

    [Fact]
    public void Sender_emits_marker_start_growing_durations_and_three_end_packets_with_one_timestamp()
    {
        var packets = Send("7", clockRate: 8000, frameSamples: 160, toneMs: 100);

        Assert.Equal(5 + 2, packets.Count); // 100 ms = 5 frames; the fifth is the first end, then two repeats
        Assert.True(packets[0].Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Marker));
        Assert.All(packets, p => Assert.Equal(packets[0].Timestamp, p.Timestamp));
        var events = packets.Select(p => { TelephoneEvent.TryRead(p.Payload, out var e); return e; }).ToList();
        Assert.Equal([160, 320, 480, 640, 800, 800, 800], events.Select(e => (int)e.Duration));
        Assert.Equal([false, false, false, false, true, true, true], events.Select(e => e.End));
        Assert.All(events, e => Assert.Equal(7, e.Event));
    }

    [Fact]
    public void Digits_are_separated_and_keep_their_own_timestamps()
    {
        var packets = Send("12", clockRate: 8000, frameSamples: 160, toneMs: 60);

        Assert.Equal(2, packets.Count(p => p.Marker));
        Assert.Equal(2, packets.Select(p => p.Timestamp).Distinct().Count());
    }

    [Fact]
    public void Receiver_reports_each_digit_once_despite_repeated_end_packets()
    {
        Assert.Equal("1234*#", Receive(Send("1234*#"), 8000));
    }

    [Fact]
    public void Lost_start_packets_and_lost_continuations_still_give_the_digit()
    {
        var packets = Send("59");
        packets.RemoveAll(p => p.Marker);
        packets.RemoveAt(1);

        Assert.Equal("59", Receive(packets, 8000));
    }

    [Fact]
    public void Lost_end_packets_report_the_digit_when_the_next_event_starts_or_on_timeout()
    {
        var packets = Send("38");
        packets.RemoveAll(p => TelephoneEvent.TryRead(p.Payload, out var e) && e.End);
        var receiver = new DtmfReceiver(8000, timeoutMilliseconds: 300);
        var digits = new List<char>();
        var output = new DtmfDigitDetected[2];
        long now = 0;
        foreach (var p in packets)
        {
            now += 20;
            digits.AddRange(output.Take(receiver.Process(p.Timestamp, p.Payload, now, output)).Select(d => d.Digit));
        }

        Assert.Equal("3", new string(digits.ToArray()));
        Assert.Equal(0, receiver.Poll(now + 100, output));
        Assert.Equal(1, receiver.Poll(now + 400, output));
        Assert.Equal('8', output[0].Digit);
    }

    [Fact]
    public void Duplicated_and_reordered_packets_do_not_repeat_digits()
    {
        var packets = Send("0#");
        var shuffled = packets.Concat(packets).ToList();
        (shuffled[2], shuffled[3]) = (shuffled[3], shuffled[2]);
        shuffled.Add(packets[1]);

        Assert.Equal("0#", Receive(shuffled, 8000));
    }

    [Fact]
    public void Telephone_events_at_16_khz_report_durations_in_milliseconds()
    {
        var packets = Send("4", clockRate: 16000, frameSamples: 320, toneMs: 100);
        var receiver = new DtmfReceiver(16000);
        var output = new DtmfDigitDetected[2];
        var found = packets.Sum(p => receiver.Process(p.Timestamp, p.Payload, 0, output) is var n && n > 0 ? n : 0);

        Assert.Equal(1, found);
        Assert.Equal(new DtmfDigitDetected('4', 100, DtmfSource.Rfc4733), output[0]);
    }

    [Fact]
    public void Short_payloads_are_counted_as_malformed()
    {
        var receiver = new DtmfReceiver();

        Assert.Equal(0, receiver.Process(1, [1, 2, 3], 0, new DtmfDigitDetected[2]));
        Assert.Equal(1, receiver.MalformedPackets);
    }

    [Fact]
    public void Sender_rejects_characters_that_are_not_dtmf()
    {
        var sender = new DtmfSender();
        sender.Enqueue("1x2");

        Assert.Equal(1, sender.RejectedDigits);
    }

    private static List<Sent> Send(string digits, int clockRate = 8000, int frameSamples = 160, int toneMs = 100)
    {
        var sender = new DtmfSender(clockRate, toneMs);
        sender.Enqueue(digits);
        var packets = new List<Sent>();
        uint timestamp = 4000000000;
        for (var tick = 0; tick < 200 && sender.IsActive; tick++, timestamp += (uint)frameSamples)
        {
            if (sender.NextPacket(timestamp, frameSamples, out var ev, out var ts, out var marker))
            {
                var payload = new byte[4];
                ev.Write(payload);
                packets.Add(new Sent(ts, marker, payload));
            }
        }

        return packets;
    }

    private static string Receive(IEnumerable<Sent> packets, int clockRate)
    {
        var receiver = new DtmfReceiver(clockRate);
        var output = new DtmfDigitDetected[2];
        var digits = new List<char>();
        foreach (var p in packets)
        {
            var n = receiver.Process(p.Timestamp, p.Payload, 0, output);
            digits.AddRange(output.Take(n).Select(d => d.Digit));
        }

        return new string(digits.ToArray());
    }
}

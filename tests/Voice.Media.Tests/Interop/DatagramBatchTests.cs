using System.Net;
using System.Net.Sockets;
using System.Text;
using Voice.Media.Interop;

namespace Voice.Media.Tests.Interop;

public class DatagramBatchTests
{
    [Fact]
    public void SocketAddress_buffer_is_the_native_sockaddr()
    {
        var v4 = new IPEndPoint(IPAddress.Parse("127.1.2.3"), 0x1234).Serialize();
        var v6 = new IPEndPoint(IPAddress.IPv6Loopback, 0xBEEF).Serialize();

        // sockaddr_in: sa_family_t (host order) AF_INET = 2, port big-endian, address; sockaddr_in6: AF_INET6 = 10.
        Assert.Equal(16, v4.Size);
        Assert.Equal(new byte[] { 2, 0, 0x12, 0x34, 127, 1, 2, 3 }, v4.Buffer.Span[..8].ToArray());
        Assert.Equal(28, v6.Size);
        Assert.Equal(10, BitConverter.ToUInt16(v6.Buffer.Span));
        Assert.Equal(new byte[] { 0xBE, 0xEF }, v6.Buffer.Span[2..4].ToArray());
        Assert.Equal(1, v6.Buffer.Span[23]); // ::1 after flowinfo, last byte of the address
    }

    [Fact]
    public void One_send_reaches_several_destinations_and_the_receive_has_payloads_sources_and_kernel_timestamps()
    {
        using var sender = Bound();
        using var first = Bound();
        using var second = Bound();
        DatagramBatch.EnableTimestamps(first);
        DatagramBatch.EnableTimestamps(second);
        using var outgoing = new DatagramBatch(3, 64);
        string[] texts = ["one", "two", "three"];
        Socket[] targets = [first, first, second];
        for (var i = 0; i < 3; i++)
        {
            var length = Encoding.ASCII.GetBytes(texts[i], outgoing.Slot(i));
            outgoing.SetLength(i, length);
            outgoing.SetDestination(i, targets[i].LocalEndPoint!.Serialize());
        }

        var before = UnixNanoseconds();
        Assert.Equal(3, outgoing.Send(sender, 0, 3));
        using var incoming = new DatagramBatch(4, 64);
        var fromFirst = ReceiveAll(incoming, first, 2);
        var after = UnixNanoseconds();
        var fromSecond = ReceiveAll(incoming, second, 1);

        var senderPort = ((IPEndPoint)sender.LocalEndPoint!).Port;
        Assert.Equal(["one", "two"], fromFirst.Select(r => r.Text));
        Assert.Equal(["three"], fromSecond.Select(r => r.Text));
        Assert.All(fromFirst.Concat(fromSecond), r => Assert.Equal(senderPort, r.Port));

        // The stamp is the kernel's CLOCK_REALTIME when the datagram arrived: between the send and the read (a margin
        // for the clocks' granularity; this checks the control message is found and decoded, not how fast it was).
        var margin = 5_000_000L;
        Assert.All(fromFirst, r => Assert.InRange(r.Stamp, before - margin, after + margin));
    }

    [Fact]
    public void A_batch_can_send_a_part_of_itself_and_keeps_destinations_between_sends()
    {
        using var sender = Bound();
        using var receiver = Bound();
        using var outgoing = new DatagramBatch(4, 16);
        for (var i = 0; i < 4; i++)
        {
            outgoing.Slot(i)[0] = (byte)i;
            outgoing.SetLength(i, 1);
            outgoing.SetDestination(i, receiver.LocalEndPoint!.Serialize());
        }

        Assert.Equal(2, outgoing.Send(sender, 2, 2));
        outgoing.Slot(2)[0] = 9;
        Assert.Equal(1, outgoing.Send(sender, 2, 1));

        using var incoming = new DatagramBatch(8, 16);
        var received = ReceiveAll(incoming, receiver, 3);
        Assert.Equal(new byte[] { 2, 3, 9 }, received.Select(r => r.Bytes[0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => outgoing.Send(sender, 3, 2));
    }

    [Fact]
    public void Receive_on_an_empty_socket_without_waiting_reports_would_block()
    {
        using var receiver = Bound();
        using var incoming = new DatagramBatch(2, 16);

        Assert.Equal(-LinuxSocketCalls.ErrorWouldBlock, incoming.Receive(receiver, LinuxSocketCalls.MessageDontWait));
    }

    [Fact]
    public void A_datagram_longer_than_the_slot_is_cut_and_flagged_and_without_timestamps_the_stamp_is_zero()
    {
        using var sender = Bound();
        using var receiver = Bound();
        sender.SendTo(new byte[40], receiver.LocalEndPoint!);
        using var incoming = new DatagramBatch(2, 8);

        var received = ReceiveAll(incoming, receiver, 1);

        Assert.Equal(8, received[0].Bytes.Length);
        Assert.True(received[0].Truncated);
        Assert.Equal(0, received[0].Stamp);
    }

    [Fact]
    public void Setting_a_length_beyond_the_slot_or_an_index_beyond_the_batch_throws()
    {
        using var batch = new DatagramBatch(2, 10);

        Assert.Equal(16, batch.SlotSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.SetLength(0, 17));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Slot(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatagramBatch(1025, 10));
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static long UnixNanoseconds() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    // Blocks for the first datagram (bounded by the socket's 5 s receive timeout), then takes what is queued.
    private static List<Received> ReceiveAll(DatagramBatch batch, Socket socket, int expected)
    {
        var all = new List<Received>();
        while (all.Count < expected)
        {
            var count = batch.Receive(socket, LinuxSocketCalls.MessageWaitForOne);
            Assert.True(count > 0, $"recvmmsg returned {count} after {all.Count} of {expected} datagrams");
            for (var i = 0; i < count; i++)
            {
                all.Add(new Received(batch.Received(i).ToArray(), batch.SourcePort(i), batch.TimestampNanoseconds(i), batch.WasTruncated(i)));
            }
        }

        return all;
    }

    private sealed record Received(byte[] Bytes, int Port, long Stamp, bool Truncated)
    {
        public string Text => Encoding.ASCII.GetString(Bytes);
    }
}

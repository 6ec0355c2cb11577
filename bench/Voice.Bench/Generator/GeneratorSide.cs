using System.Net;
using System.Net.Sockets;
using Voice.Media.Interop;

namespace Voice.Bench.Generator;

/// <summary>
/// One endpoint of the load generator standing for many call legs at once: an RTP socket on an even loopback port
/// (kernel receive timestamps on, 4 MB buffers so bursts of a few thousand datagrams are not dropped here) and an
/// RTCP socket on the next port, which only drains what relays send there (an unbound port would answer with ICMP
/// errors and cost the relay an error path per report).
/// </summary>
internal sealed class GeneratorSide : IDisposable
{
    private const int BufferBytes = 4 * 1024 * 1024; // net.core.rmem_max/wmem_max here; the kernel doubles it

    private GeneratorSide(Socket rtp, Socket rtcp)
    {
        Rtp = rtp;
        Rtcp = rtcp;
        Port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
        Address = rtp.LocalEndPoint!.Serialize();
    }

    public Socket Rtp { get; }

    public Socket Rtcp { get; }

    /// <summary>The RTP port (RTCP is the next one).</summary>
    public int Port { get; }

    /// <summary>The RTP endpoint as a native sockaddr (what SDP and the relay's remote point at).</summary>
    public SocketAddress Address { get; }

    /// <summary>Binds a free even/odd port pair on 127.0.0.1 above the ephemeral range (61000–64999).</summary>
    public static GeneratorSide Bind()
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(61000, 64998) & ~1;
            var rtp = TryBind(port);
            var rtcp = rtp is null ? null : TryBind(port + 1);
            if (rtp is not null && rtcp is not null)
            {
                rtp.ReceiveBufferSize = BufferBytes;
                rtp.SendBufferSize = BufferBytes;
                DatagramBatch.EnableTimestamps(rtp);
                return new GeneratorSide(rtp, rtcp);
            }

            rtp?.Dispose();
        }

        throw new InvalidOperationException("no free even/odd UDP port pair in 61000-64999 on 127.0.0.1");
    }

    public void Dispose()
    {
        Rtp.Dispose();
        Rtcp.Dispose();
    }

    private static Socket? TryBind(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}

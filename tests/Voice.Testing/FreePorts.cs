using System.Net;
using System.Net.Sockets;

namespace Voice.Testing;

/// <summary>Hands out loopback ports that nothing listens on, so parallel tests never collide.</summary>
public static class FreePorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Given = [];

    /// <summary>A free TCP port on 127.0.0.1 (also checked free for UDP).</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var tcp = new TcpListener(IPAddress.Loopback, 0);
                tcp.Start();
                var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
                tcp.Stop();
                if (!Given.Add(port))
                {
                    continue;
                }

                try
                {
                    using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                    return port;
                }
                catch (SocketException)
                {
                }
            }

            throw new InvalidOperationException("no free loopback port found");
        }
    }

    /// <summary>A block of <paramref name="count"/> consecutive free UDP+TCP ports (for RTP ranges and peers).</summary>
    public static int NextBlock(int count)
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var start = Random.Shared.Next(20000, 60000 - count) & ~1;
                var ok = true;
                for (var p = start; p < start + count && ok; p++)
                {
                    ok = !Given.Contains(p) && IsFree(p);
                }

                if (ok)
                {
                    for (var p = start; p < start + count; p++)
                    {
                        Given.Add(p);
                    }

                    return start;
                }
            }

            throw new InvalidOperationException($"no free block of {count} loopback ports found");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            using var tcp = new TcpListener(IPAddress.Loopback, port);
            tcp.Start();
            tcp.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

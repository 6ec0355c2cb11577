using System.Net;
using System.Net.Sockets;

namespace Voice.Bench.Latency;

/// <summary>A free loopback port (bound and released: the usual small race is acceptable for a benchmark).</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

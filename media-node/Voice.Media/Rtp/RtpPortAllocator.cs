using System.Net;
using System.Net.Sockets;

namespace Voice.Media.Rtp;

/// <summary>
/// Hands out RTP/RTCP port pairs (even RTP port, RTP+1 for RTCP) from a configured range
/// (<c>MediaNode__Rtp__PortMin</c>..<c>PortMax</c>). Allocation walks the range round-robin so a just-released
/// pair is reused last; ports taken by other processes are skipped. Thread-safe.
/// </summary>
public sealed class RtpPortAllocator
{
    private readonly object _gate = new();
    private readonly HashSet<int> _inUse = [];
    private readonly int _min;
    private readonly int _max;
    private readonly RtpReceivePoller? _poller;
    private int _next;

    /// <summary>Creates an allocator for [<paramref name="minPort"/>, <paramref name="maxPort"/>] (both inclusive).</summary>
    /// <param name="minPort">Lowest port (rounded up to even).</param>
    /// <param name="maxPort">Highest port.</param>
    /// <param name="bindAddress">Local address to bind (any by default).</param>
    /// <param name="poller">
    /// The receive poller the pairs register with; null takes <see cref="RtpReceivePoller.Shared"/> where it is
    /// supported (Linux), else each pair runs async receive loops.
    /// </param>
    /// <param name="portableReceive">True for the async receive loops even where the poller is supported (to compare).</param>
    /// <exception cref="ArgumentOutOfRangeException">The range holds no even/odd pair.</exception>
    public RtpPortAllocator(int minPort, int maxPort, IPAddress? bindAddress = null, RtpReceivePoller? poller = null, bool portableReceive = false)
    {
        _min = (minPort + 1) & ~1;
        _max = maxPort;
        if (_min < 1 || _max > 65535 || _min + 1 > _max)
        {
            throw new ArgumentOutOfRangeException(nameof(minPort), $"RTP port range {minPort}-{maxPort} holds no even/odd pair");
        }

        _next = _min;
        BindAddress = bindAddress ?? IPAddress.Any;
        _poller = portableReceive ? null : poller ?? (RtpReceivePoller.IsSupported ? RtpReceivePoller.Shared : null);
    }

    /// <summary>The local address sockets are bound to.</summary>
    public IPAddress BindAddress { get; }

    /// <summary>Pairs currently allocated.</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _inUse.Count;
            }
        }
    }

    /// <summary>
    /// Binds a new socket pair. Throws <see cref="InvalidOperationException"/> when every pair in the range is in use.
    /// </summary>
    public RtpSocketPair Allocate()
    {
        var pairs = ((_max - _min + 1) / 2);
        for (var attempt = 0; attempt < pairs; attempt++)
        {
            int port;
            lock (_gate)
            {
                port = _next;
                _next = _next + 2 > _max - 1 ? _min : _next + 2;
                if (!_inUse.Add(port))
                {
                    continue;
                }
            }

            var rtp = TryBind(port);
            var rtcp = rtp is null ? null : TryBind(port + 1);
            if (rtp is not null && rtcp is not null)
            {
                return new RtpSocketPair(rtp, rtcp, () => Release(port), _poller);
            }

            rtp?.Dispose();
            Release(port);
        }

        throw new InvalidOperationException($"no free RTP port pair in {_min}-{_max}");
    }

    private void Release(int port)
    {
        lock (_gate)
        {
            _inUse.Remove(port);
        }
    }

    private Socket? TryBind(int port)
    {
        var socket = new Socket(BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(BindAddress, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}

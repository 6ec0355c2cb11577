using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Voice.Media.Interop;

namespace Voice.Media.Rtp;

/// <summary>
/// Receives every RTP/RTCP socket of the node on a few dedicated threads (Linux epoll), as rtpengine does, instead
/// of one async receive per socket on the thread pool. Measured on the 2-core machine (bench/README.md): the async
/// path costs a thread-pool hop per datagram, and because .NET's socket engine registers each socket for
/// writability as well, every send on a leg's socket also woke the engine's epoll thread. Here a socket is
/// registered for input only, a wake-up drains up to <see cref="BatchSize"/> datagrams with one
/// <c>recvmmsg</c>, and the sink runs on the poller thread (sinks only parse, decode and queue). Each thread owns
/// its epoll set and its buffers, so nothing is locked per datagram. Use <see cref="IsSupported"/>;
/// <see cref="RtpSocketPair"/> falls back to async receives elsewhere.
/// </summary>
public sealed class RtpReceivePoller : IDisposable
{
    /// <summary>Datagrams read by one <c>recvmmsg</c> call.</summary>
    public const int BatchSize = 8;

    private const int EventCapacity = 256;
    private const int DatagramCapacity = 2048;
    private const int IdleWakeMilliseconds = 50;
    private static readonly Lazy<RtpReceivePoller> SharedPoller = new(() => new RtpReceivePoller(threads: 1));
    private readonly PollerThread[] _threads;
    private readonly Lock _gate = new();
    private Registration?[] _slots = new Registration?[64];
    private readonly Stack<int> _free = new();
    private int _nextSlot;
    private int _nextThread;
    private int _disposed;

    /// <summary>Starts <paramref name="threads"/> receive threads, each with its own epoll set.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux on x64/arm64.</exception>
    public RtpReceivePoller(int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("the RTP receive poller needs Linux epoll (x64 or arm64)");
        }

        _threads = Enumerable.Range(0, threads).Select(i => new PollerThread(this, i)).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>True on Linux x64/arm64.</summary>
    public static bool IsSupported => LinuxSocketCalls.IsSupported;

    /// <summary>One process-wide poller with one thread (created on first use), for hosts that do not make their own.</summary>
    public static RtpReceivePoller Shared => SharedPoller.Value;

    /// <summary>Wake-ups of the receive threads (epoll_wait returns with work), summed.</summary>
    public long Wakeups => _threads.Sum(t => Interlocked.Read(ref t.Wakeups));

    /// <summary>Datagrams read, summed.</summary>
    public long Datagrams => _threads.Sum(t => Interlocked.Read(ref t.Datagrams));

    /// <summary>Receive errors skipped (ICMP errors surfacing on the socket, and the like).</summary>
    public long ReceiveErrors => _threads.Sum(t => Interlocked.Read(ref t.Errors));

    /// <summary>Datagrams whose sink threw (the socket stays registered).</summary>
    public long SinkErrors => _threads.Sum(t => Interlocked.Read(ref t.SinkFaults));

    /// <summary>Datagrams dropped because they were larger than the receive buffer (2 KB).</summary>
    public long TruncatedDatagrams => _threads.Sum(t => Interlocked.Read(ref t.Truncated));

    /// <summary>Sockets registered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nextSlot - _free.Count;
            }
        }
    }

    /// <summary>
    /// Starts delivering <paramref name="socket"/>'s datagrams to <paramref name="sink"/> (as RTP, or as RTCP when
    /// <paramref name="rtcp"/>). The socket must not also be read by anyone else.
    /// </summary>
    public unsafe Registration Add(Socket socket, IRtpPacketSink sink, bool rtcp)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Registration registration;
        lock (_gate)
        {
            var slot = _free.Count > 0 ? _free.Pop() : _nextSlot++;
            if (slot >= _slots.Length)
            {
                var larger = new Registration?[_slots.Length * 2];
                _slots.CopyTo(larger, 0);
                Volatile.Write(ref _slots, larger);
            }

            var thread = _threads[_nextThread++ % _threads.Length];
            registration = new Registration(socket, (int)socket.SafeHandle.DangerousGetHandle(), sink, rtcp, slot, thread, socket.AddressFamily);
            Volatile.Write(ref _slots[slot], registration);
        }

        Span<byte> ev = stackalloc byte[16];
        MemoryMarshal.Write(ev, LinuxSocketCalls.EpollIn);
        MemoryMarshal.Write(ev[LinuxSocketCalls.EpollDataOffset..], (long)registration.Slot);
        fixed (byte* pointer = ev)
        {
            if (LinuxSocketCalls.EpollControl(registration.Thread.Epoll, LinuxSocketCalls.EpollAdd, registration.Fd, pointer) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                Release(registration);
                throw new SocketException(error);
            }
        }

        return registration;
    }

    /// <summary>
    /// Stops delivering for <paramref name="registration"/>; when the task completes, no receive thread touches its
    /// socket or sink any more, so the socket may be closed.
    /// </summary>
    public async ValueTask RemoveAsync(Registration registration)
    {
        if (Interlocked.Exchange(ref registration.Removed, 1) != 0)
        {
            return;
        }

        Unsubscribe(registration);
        lock (_gate)
        {
            Volatile.Write(ref _slots[registration.Slot], null);
        }

        // A thread that looked the slot up before it was cleared may still be reading the socket: wait for the
        // batch it is in to end (a thread between batches reads the slot afresh and finds it gone).
        Interlocked.MemoryBarrier();
        var pass = Volatile.Read(ref registration.Thread.Pass);
        while ((pass & 1) == 1 && Volatile.Read(ref registration.Thread.Pass) == pass && Volatile.Read(ref _disposed) == 0)
        {
            await Task.Yield();
        }

        lock (_gate)
        {
            _free.Push(registration.Slot);
        }
    }

    /// <summary>Stops the receive threads and closes the epoll sets.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var thread in _threads)
        {
            thread.Stop();
        }
    }

    private static unsafe void Unsubscribe(Registration registration) =>
        _ = LinuxSocketCalls.EpollControl(registration.Thread.Epoll, LinuxSocketCalls.EpollDelete, registration.Fd, null);

    private void Release(Registration registration)
    {
        lock (_gate)
        {
            _slots[registration.Slot] = null;
            _free.Push(registration.Slot);
        }
    }

    private Registration? Find(long data)
    {
        var slots = Volatile.Read(ref _slots);
        return data >= 0 && data < slots.Length ? Volatile.Read(ref slots[data]) : null;
    }

    /// <summary>A socket delivered by the poller (pass it back to <see cref="RemoveAsync"/>).</summary>
    public sealed class Registration
    {
        internal int Removed;

        internal Registration(Socket socket, int fd, IRtpPacketSink sink, bool rtcp, int slot, PollerThread thread, AddressFamily family)
        {
            Socket = socket;
            Fd = fd;
            Sink = sink;
            Rtcp = rtcp;
            Slot = slot;
            Thread = thread;
            From = new SocketAddress(family);
        }

        internal Socket Socket { get; }

        internal int Fd { get; }

        internal IRtpPacketSink Sink { get; }

        internal bool Rtcp { get; }

        internal int Slot { get; }

        internal PollerThread Thread { get; }

        // Written by its receive thread only: the sender of the datagram being delivered.
        internal SocketAddress From { get; }
    }

    internal sealed unsafe class PollerThread
    {
        public long Wakeups;
        public long Datagrams;
        public long Errors;
        public long SinkFaults;
        public long Truncated;

        // Odd while a batch of ready sockets is being served, even otherwise (see RemoveAsync).
        public long Pass;
        private readonly RtpReceivePoller _owner;
        private readonly Thread _thread;
        private volatile bool _stopping;

        public PollerThread(RtpReceivePoller owner, int number)
        {
            _owner = owner;
            Epoll = LinuxSocketCalls.EpollCreate(LinuxSocketCalls.EpollCloseOnExec);
            if (Epoll < 0)
            {
                throw new SocketException(Marshal.GetLastPInvokeError());
            }

            _thread = new Thread(Run) { IsBackground = true, Name = $"rtp-receive-{number}", Priority = ThreadPriority.AboveNormal };
        }

        public int Epoll { get; }

        public void Start() => _thread.Start();

        public void Stop()
        {
            _stopping = true;
            if (_thread.IsAlive && _thread != Thread.CurrentThread)
            {
                _thread.Join();
            }

            _ = LinuxSocketCalls.Close(Epoll);
        }

        private void Run()
        {
            var eventSize = LinuxSocketCalls.EpollEventSize;
            var dataOffset = LinuxSocketCalls.EpollDataOffset;
            var events = (byte*)NativeMemory.AlignedAlloc((nuint)(eventSize * EventCapacity), 16);
            var batch = new DatagramBatch(BatchSize, DatagramCapacity);
            try
            {
                while (!_stopping)
                {
                    var ready = LinuxSocketCalls.EpollWait(Epoll, events, EventCapacity, IdleWakeMilliseconds);
                    if (ready <= 0)
                    {
                        continue; // timeout (to notice Stop) or EINTR
                    }

                    Interlocked.Increment(ref Pass);
                    Interlocked.Increment(ref Wakeups);
                    for (var i = 0; i < ready; i++)
                    {
                        var data = *(long*)(events + (i * eventSize) + dataOffset);
                        if (_owner.Find(data) is { } registration && Volatile.Read(ref registration.Removed) == 0)
                        {
                            Serve(registration, batch);
                        }
                    }

                    Interlocked.Increment(ref Pass);
                }
            }
            finally
            {
                NativeMemory.AlignedFree(events);
                batch.Dispose();
            }
        }

        private void Serve(Registration registration, DatagramBatch batch)
        {
            int count;
            try
            {
                count = batch.Receive(registration.Socket, LinuxSocketCalls.MessageDontWait);
            }
            catch (ObjectDisposedException)
            {
                return; // closed without RemoveAsync: nothing to read, and this thread must go on for the others
            }

            if (count < 0)
            {
                if (-count is not LinuxSocketCalls.ErrorWouldBlock and not LinuxSocketCalls.ErrorInterrupted)
                {
                    Interlocked.Increment(ref Errors); // e.g. ECONNREFUSED from an earlier send's ICMP error
                }

                return;
            }

            Interlocked.Add(ref Datagrams, count);
            var from = registration.From;
            for (var m = 0; m < count; m++)
            {
                if (batch.WasTruncated(m))
                {
                    Interlocked.Increment(ref Truncated); // larger than any RTP packet we accept: dropped, not cut
                    continue;
                }

                var source = batch.Source(m);
                var addressLength = Math.Min(source.Length, from.Buffer.Length);
                source[..addressLength].CopyTo(from.Buffer.Span);
                from.Size = addressLength;
                try
                {
                    if (registration.Rtcp)
                    {
                        registration.Sink.OnRtcp(batch.Received(m), from);
                    }
                    else
                    {
                        registration.Sink.OnRtp(batch.Received(m), from);
                    }
                }
                catch (Exception)
                {
                    // A faulty sink must not end receiving for every other call on this thread.
                    Interlocked.Increment(ref SinkFaults);
                }
            }
        }
    }
}

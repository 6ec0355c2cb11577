using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Voice.Media.Interop;

/// <summary>
/// A reusable batch of datagrams for one <c>sendmmsg</c> or <c>recvmmsg</c> call (Linux, see
/// <see cref="LinuxSocketCalls.IsSupported"/>): the <c>mmsghdr</c> array, its <c>iovec</c>s, one payload slot, one
/// address and one control buffer per message, all in one native block allocated once, so the kernel writes straight
/// into memory the GC never moves and a call allocates nothing. For sending, fill <see cref="Slot"/>, set
/// <see cref="SetLength"/> and <see cref="SetDestination"/> (a destination stays until changed); after a
/// <see cref="Receive"/>, read <see cref="Received"/>, <see cref="SourcePort"/> and (with
/// <see cref="EnableTimestamps"/> on the socket) <see cref="TimestampNanoseconds"/>. Not thread-safe: one thread
/// owns a batch.
/// </summary>
public sealed unsafe class DatagramBatch : IDisposable
{
    /// <summary>Bytes kept per address: a <c>sockaddr_in6</c> (28) fits; IP sockets only.</summary>
    public const int AddressCapacity = 32;

    // Room for the SO_TIMESTAMPNS message (CMSG_SPACE(16) = 32) and one more, should the socket have another option on.
    private const int ControlCapacity = 64;
    private const int ControlHeaderSize = 16; // cmsghdr on LP64: size_t len, int level, int type
    private const int TimestampType = LinuxSocketCalls.SocketTimestampNanoseconds; // SCM_TIMESTAMPNS == SO_TIMESTAMPNS

    private readonly LinuxSocketCalls.MultipleMessageHeader* _headers;
    private readonly LinuxSocketCalls.IoVector* _vectors;
    private readonly byte* _addresses;
    private readonly byte* _controls;
    private readonly byte* _slots;
    private readonly int[] _lengths;
    private readonly uint[] _addressLengths;
    private int _disposed;

    /// <summary>A batch of <paramref name="capacity"/> messages of up to <paramref name="slotSize"/> bytes each.</summary>
    public DatagramBatch(int capacity, int slotSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1024); // UIO_MAXIOV: the kernel's limit per call
        ArgumentOutOfRangeException.ThrowIfLessThan(slotSize, 1);
        if (!LinuxSocketCalls.IsSupported)
        {
            throw new PlatformNotSupportedException("sendmmsg/recvmmsg batches need Linux on x64 or arm64");
        }

        Capacity = capacity;
        SlotSize = (slotSize + 7) & ~7;
        var headersSize = (nuint)(capacity * sizeof(LinuxSocketCalls.MultipleMessageHeader));
        var vectorsSize = (nuint)(capacity * sizeof(LinuxSocketCalls.IoVector));
        var total = headersSize + vectorsSize + (nuint)(capacity * (AddressCapacity + ControlCapacity)) + (nuint)(capacity * SlotSize);
        var block = (byte*)NativeMemory.AlignedAlloc(total, 64);
        NativeMemory.Clear(block, total);
        _headers = (LinuxSocketCalls.MultipleMessageHeader*)block;
        _vectors = (LinuxSocketCalls.IoVector*)(block + headersSize);
        _addresses = block + headersSize + vectorsSize;
        _controls = _addresses + (capacity * AddressCapacity);
        _slots = _controls + (capacity * ControlCapacity);
        _lengths = new int[capacity];
        _addressLengths = new uint[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _vectors[i].Base = _slots + ((long)i * SlotSize);
            _headers[i].Header.Vectors = &_vectors[i];
            _headers[i].Header.VectorCount = 1;
            _headers[i].Header.Name = _addresses + (i * AddressCapacity);
        }
    }

    /// <summary>Messages per call.</summary>
    public int Capacity { get; }

    /// <summary>Bytes per payload slot (the requested size rounded up to 8).</summary>
    public int SlotSize { get; }

    /// <summary>
    /// Turns on kernel receive timestamps (SO_TIMESTAMPNS, CLOCK_REALTIME) for <paramref name="socket"/>. On loopback
    /// the stamp is taken in the sender's transmit path, so it tells when the peer sent, not when this process read.
    /// </summary>
    public static void EnableTimestamps(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.SetRawSocketOption(LinuxSocketCalls.SocketLevel, LinuxSocketCalls.SocketTimestampNanoseconds, [1, 0, 0, 0]);
    }

    /// <summary>The payload slot of message <paramref name="index"/> (write the datagram here before sending).</summary>
    public Span<byte> Slot(int index) => new(SlotPointer(index), SlotSize);

    /// <summary>Bytes of message <paramref name="index"/>'s slot that <see cref="Send"/> sends.</summary>
    public void SetLength(int index, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)SlotSize, nameof(length));
        _lengths[CheckIndex(index)] = length;
    }

    /// <summary>Where message <paramref name="index"/> goes (kept for later sends until changed).</summary>
    public void SetDestination(int index, SocketAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address.Size, AddressCapacity, nameof(address));

        // On Linux SocketAddress.Buffer holds the native sockaddr, so the kernel reads it as msg_name unchanged.
        address.Buffer.Span[..address.Size].CopyTo(new Span<byte>(_addresses + (CheckIndex(index) * AddressCapacity), AddressCapacity));
        _addressLengths[index] = (uint)address.Size;
    }

    /// <summary>
    /// Sends messages <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> − 1 with one
    /// <c>sendmmsg</c>; returns how many the kernel took (the rest were not sent: call again from there), or −errno.
    /// </summary>
    public int Send(Socket socket, int start, int count, int flags = 0)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (start < 0 || count < 0 || start + count > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"messages {start}..{start + count} are outside a batch of {Capacity}");
        }

        for (var i = start; i < start + count; i++)
        {
            ref var header = ref _headers[i].Header;
            header.NameLength = _addressLengths[i];
            header.Control = null;
            header.ControlLength = 0;
            header.Flags = 0;
            _vectors[i].Length = (nuint)_lengths[i];
        }

        var handle = socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var sent = LinuxSocketCalls.SendMessages((int)handle.DangerousGetHandle(), _headers + start, (uint)count, flags);
            return sent >= 0 ? sent : -Marshal.GetLastPInvokeError();
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Receives up to <see cref="Capacity"/> datagrams with one <c>recvmmsg</c>; returns how many, or −errno
    /// (−<see cref="LinuxSocketCalls.ErrorWouldBlock"/> when nothing came: non-blocking flags, or a receive timeout).
    /// </summary>
    /// <param name="socket">The socket to read.</param>
    /// <param name="flags">E.g. <see cref="LinuxSocketCalls.MessageDontWait"/>, or <see cref="LinuxSocketCalls.MessageWaitForOne"/> to block only for the first.</param>
    public int Receive(Socket socket, int flags)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        for (var i = 0; i < Capacity; i++)
        {
            ref var header = ref _headers[i].Header;
            header.NameLength = AddressCapacity;
            header.Control = _controls + (i * ControlCapacity);
            header.ControlLength = ControlCapacity;
            header.Flags = 0;
            _vectors[i].Length = (nuint)SlotSize;
            _headers[i].Length = 0;
        }

        var handle = socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var received = LinuxSocketCalls.ReceiveMessages((int)handle.DangerousGetHandle(), _headers, (uint)Capacity, flags, null);
            return received >= 0 ? received : -Marshal.GetLastPInvokeError();
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The bytes of received message <paramref name="index"/> (or sent, after <see cref="Send"/>).</summary>
    public ReadOnlySpan<byte> Received(int index) => new(SlotPointer(index), (int)Math.Min(_headers[index].Length, (uint)SlotSize));

    /// <summary>True when received message <paramref name="index"/> was longer than its slot (MSG_TRUNC) and was cut.</summary>
    public bool WasTruncated(int index) => (_headers[CheckIndex(index)].Header.Flags & LinuxSocketCalls.MessageTruncated) != 0;

    /// <summary>The sender's native sockaddr of received message <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Source(int index) =>
        new(_addresses + (CheckIndex(index) * AddressCapacity), (int)Math.Min(_headers[index].Header.NameLength, AddressCapacity));

    /// <summary>The sender's port of received message <paramref name="index"/> (IPv4 or IPv6), 0 when unknown.</summary>
    public int SourcePort(int index)
    {
        var source = Source(index);
        return source.Length >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(source[2..]) : 0;
    }

    /// <summary>
    /// The kernel's receive timestamp of message <paramref name="index"/> in nanoseconds since the Unix epoch
    /// (CLOCK_REALTIME), 0 when the socket has no <see cref="EnableTimestamps"/>.
    /// </summary>
    public long TimestampNanoseconds(int index)
    {
        ref var header = ref _headers[CheckIndex(index)].Header;
        var control = (byte*)header.Control;
        var length = control is null ? 0 : (long)Math.Min(header.ControlLength, ControlCapacity);
        for (long offset = 0; offset + ControlHeaderSize <= length;)
        {
            var messageLength = (long)*(ulong*)(control + offset);
            if (messageLength < ControlHeaderSize || offset + messageLength > length)
            {
                return 0;
            }

            var level = *(int*)(control + offset + 8);
            var type = *(int*)(control + offset + 12);
            if (level == LinuxSocketCalls.SocketLevel && type == TimestampType && messageLength >= ControlHeaderSize + 16)
            {
                var seconds = *(long*)(control + offset + ControlHeaderSize);
                var nanoseconds = *(long*)(control + offset + ControlHeaderSize + 8);
                return (seconds * 1_000_000_000) + nanoseconds;
            }

            offset += (messageLength + 7) & ~7L;
        }

        return 0;
    }

    /// <summary>Frees the native block.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            NativeMemory.AlignedFree(_headers);
        }
    }

    private byte* SlotPointer(int index) => _slots + ((long)CheckIndex(index) * SlotSize);

    private int CheckIndex(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Capacity, nameof(index));
        return index;
    }
}

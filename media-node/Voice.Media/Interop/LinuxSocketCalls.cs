using System.Runtime.InteropServices;

namespace Voice.Media.Interop;

/// <summary>
/// The Linux (glibc, x64/arm64) socket and epoll calls the media hot path makes directly: .NET's sockets have no
/// batched sends or receives, and their async engine registers every socket for writability too, so each send on a
/// socket that also receives wakes the engine's epoll thread. Callers check <see cref="IsSupported"/> and keep a
/// portable path.
/// </summary>
public static unsafe partial class LinuxSocketCalls
{
    private const string Libc = "libc";

    /// <summary>EAGAIN / EWOULDBLOCK: nothing to read (non-blocking).</summary>
    public const int ErrorWouldBlock = 11;

    /// <summary>EINTR: interrupted by a signal; retry.</summary>
    public const int ErrorInterrupted = 4;

    /// <summary>MSG_DONTWAIT: this call does not block, whatever the socket's mode.</summary>
    public const int MessageDontWait = 0x40;

    /// <summary>MSG_TRUNC (in msg_flags): the datagram was larger than the buffer and was cut.</summary>
    public const int MessageTruncated = 0x20;

    /// <summary>MSG_WAITFORONE (recvmmsg): block for the first datagram only, then take what is queued.</summary>
    public const int MessageWaitForOne = 0x10000;

    /// <summary>SOL_SOCKET.</summary>
    public const int SocketLevel = 1;

    /// <summary>SO_TIMESTAMPNS: the kernel stamps each received datagram (a <c>timespec</c> control message).</summary>
    public const int SocketTimestampNanoseconds = 35;

    /// <summary>EPOLLIN.</summary>
    public const uint EpollIn = 0x001;

    /// <summary>EPOLL_CTL_ADD / DEL.</summary>
    public const int EpollAdd = 1, EpollDelete = 2;

    /// <summary>EPOLL_CLOEXEC.</summary>
    public const int EpollCloseOnExec = 0x80000;

    /// <summary>True where these calls and the struct layouts below hold: Linux on x64 or arm64.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Size of <c>struct epoll_event</c>: packed (12 bytes) on x64, 16 on arm64.</summary>
    public static int EpollEventSize { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>Offset of <c>epoll_event.data</c>.</summary>
    public static int EpollDataOffset { get; } = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    /// <summary>epoll_create1(2).</summary>
    [LibraryImport(Libc, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    /// <summary>epoll_ctl(2); <paramref name="eventBuffer"/> points at one epoll_event (null for DEL).</summary>
    [LibraryImport(Libc, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollControl(int epoll, int operation, int fd, byte* eventBuffer);

    /// <summary>epoll_wait(2) into <paramref name="events"/> (<paramref name="capacity"/> epoll_events).</summary>
    [LibraryImport(Libc, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, byte* events, int capacity, int timeoutMilliseconds);

    /// <summary>close(2).</summary>
    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>recvmmsg(2); returns the datagrams read, or -1 (errno).</summary>
    [LibraryImport(Libc, EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int ReceiveMessages(int fd, MultipleMessageHeader* messages, uint count, int flags, void* timeout);

    /// <summary>sendmmsg(2); returns the datagrams sent, or -1 (errno).</summary>
    [LibraryImport(Libc, EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMessages(int fd, MultipleMessageHeader* messages, uint count, int flags);

    /// <summary>sendto(2) with a native sockaddr (as in <see cref="System.Net.SocketAddress.Buffer"/> on Linux).</summary>
    [LibraryImport(Libc, EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);

    /// <summary>recvfrom(2).</summary>
    [LibraryImport(Libc, EntryPoint = "recvfrom", SetLastError = true)]
    public static partial nint ReceiveFrom(int fd, byte* buffer, nuint length, int flags, byte* address, uint* addressLength);

    /// <summary>setsockopt(2) with an int value.</summary>
    [LibraryImport(Libc, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetOption(int fd, int level, int name, int* value, uint length);

    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        /// <summary>iov_base.</summary>
        public void* Base;

        /// <summary>iov_len.</summary>
        public nuint Length;
    }

    /// <summary><c>struct msghdr</c> (LP64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        /// <summary>msg_name: the peer's sockaddr.</summary>
        public void* Name;

        /// <summary>msg_namelen.</summary>
        public uint NameLength;

        /// <summary>msg_iov.</summary>
        public IoVector* Vectors;

        /// <summary>msg_iovlen.</summary>
        public nuint VectorCount;

        /// <summary>msg_control: ancillary data (timestamps).</summary>
        public void* Control;

        /// <summary>msg_controllen.</summary>
        public nuint ControlLength;

        /// <summary>msg_flags.</summary>
        public int Flags;
    }

    /// <summary><c>struct mmsghdr</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MultipleMessageHeader
    {
        /// <summary>msg_hdr.</summary>
        public MessageHeader Header;

        /// <summary>msg_len: bytes received or sent for this message.</summary>
        public uint Length;
    }
}

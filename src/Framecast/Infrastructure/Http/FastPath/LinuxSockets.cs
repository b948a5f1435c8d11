using System.Runtime.InteropServices;

namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>The few Linux calls the fast path's event loop makes itself: epoll, accept4, recv/send, eventfd (sendfile is LinuxSendFile's).</summary>
internal static unsafe partial class LinuxSockets
{
    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const int ECONNABORTED = 103;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int MSG_PEEK = 0x2;
    public const int MSG_NOSIGNAL = 0x4000;
    public const int MSG_MORE = 0x8000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const uint EPOLLIN = 0x1;
    public const uint EPOLLOUT = 0x4;
    public const uint EPOLLERR = 0x8;
    public const uint EPOLLHUP = 0x10;
    public const uint EPOLLRDHUP = 0x2000;
    public const uint EPOLLEXCLUSIVE = 1u << 28;
    public const uint EPOLLET = 1u << 31;
    public const int EFD_NONBLOCK = 0x800;
    public const int IPPROTO_TCP = 6;
    public const int TCP_NODELAY = 1;

    // x86-64 packs epoll_event (12 bytes); other architectures align the data to 8 bytes.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEventPacked
    {
        public uint Events;
        public ulong Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct EpollEventAligned
    {
        public uint Events;
        public ulong Data;
    }

    public static bool PackedEvents => RuntimeInformation.ProcessArchitecture == Architecture.X64;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epoll, int op, int fd, void* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, void* events, int max, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept(int fd, byte* address, int* addressLength, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, int* value, int length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    public static int Errno => Marshal.GetLastPInvokeError();

    public static int Control(int epoll, int op, int fd, uint events, ulong data)
    {
        if (PackedEvents)
        {
            var e = new EpollEventPacked { Events = events, Data = data };
            return EpollCtl(epoll, op, fd, &e);
        }
        var a = new EpollEventAligned { Events = events, Data = data };
        return EpollCtl(epoll, op, fd, &a);
    }
}

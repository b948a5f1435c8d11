using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Framecast.Infrastructure.Http.SendFile;

/// <summary>
/// sendfile(2) straight on a non-blocking socket: when the socket buffer has room the bytes go at once on the calling
/// thread. <c>Socket.SendPacketsAsync</c> also ends in sendfile(2) but always completes through a callback, costing
/// two thread-pool hops per response (bench/delivery); it stays the path for what does not fit at once.
/// </summary>
internal static partial class LinuxSendFile
{
    private const int EAGAIN = 11;
    private const int EINTR = 4;
    private const int F_GETFL = 3;
    private const int O_NONBLOCK = 0x800;

    /// <summary>Whether the socket's descriptor is non-blocking, so a direct sendfile can never stall a thread.</summary>
    public static bool CanUse(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        var added = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref added);
            var flags = Fcntl((int)socket.SafeHandle.DangerousGetHandle(), F_GETFL);
            return flags >= 0 && (flags & O_NONBLOCK) != 0;
        }
        finally
        {
            if (added)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>Sends what the socket takes now; returns the bytes sent (fewer than asked when the buffer filled).</summary>
    public static long SendNow(Socket socket, FileStream file, long offset, long count)
    {
        bool socketAdded = false, fileAdded = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref socketAdded);
            file.SafeFileHandle.DangerousAddRef(ref fileAdded);
            var socketFd = (int)socket.SafeHandle.DangerousGetHandle();
            var fileFd = (int)file.SafeFileHandle.DangerousGetHandle();
            long sent = 0;
            var position = offset;
            while (sent < count)
            {
                var n = Send(socketFd, fileFd, ref position, (nuint)Math.Min(count - sent, 1L << 30));
                if (n > 0)
                {
                    sent += n;
                    continue;
                }
                if (n == 0)
                {
                    throw new IOException("The file ended before the range did.");
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                {
                    continue;
                }
                if (errno == EAGAIN)
                {
                    break;
                }
                throw new IOException($"sendfile failed with errno {errno}.");
            }
            return sent;
        }
        finally
        {
            if (fileAdded)
            {
                file.SafeFileHandle.DangerousRelease();
            }
            if (socketAdded)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>sendfile(2) itself, for callers holding raw descriptors (the fast path's event loops).</summary>
    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static partial nint Send(int socketFd, int fileFd, ref long offset, nuint count);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command);
}

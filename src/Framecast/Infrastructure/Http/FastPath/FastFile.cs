using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>
/// Opens a regular file for sending with one open(2) and one statx(2): <c>File.OpenHandle</c> plus the length and
/// time lookups cost an fstat and two flock calls more per media request (bench/delivery's strace).
/// </summary>
public static unsafe partial class FastFile
{
    private const int O_RDONLY = 0;
    private const int O_CLOEXEC = 0x80000;
    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_BASIC_STATS = 0x7ff;
    private const ushort S_IFMT = 0xF000;
    private const ushort S_IFREG = 0x8000;

    /// <summary>False when the path is missing, unreadable or not a regular file.</summary>
    public static bool TryOpen(string path, out SafeFileHandle? file, out long length, out DateTime lastWriteUtc)
    {
        file = null;
        length = 0;
        lastWriteUtc = default;
        var fd = Open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
        {
            return false;
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var buffer = stackalloc byte[256];
        if (Statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, buffer) != 0 || (*(ushort*)(buffer + 28) & S_IFMT) != S_IFREG)
        {
            handle.Dispose();
            return false;
        }
        length = *(long*)(buffer + 40);
        var seconds = *(long*)(buffer + 112);
        var nanoseconds = *(uint*)(buffer + 120);
        lastWriteUtc = DateTime.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100));
        file = handle;
        return true;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);
}

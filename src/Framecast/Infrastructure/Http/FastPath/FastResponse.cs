using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Framecast.Infrastructure.Http.FastPath;

/// <summary>
/// What the fast path sends for one request: a status line and headers (the loop adds <c>Date</c> and the blank
/// line), then <see cref="Length"/> bytes of <see cref="File"/> from <see cref="Offset"/> via sendfile(2). One per
/// connection, reused; the loop disposes the file and the lease when the response ends or the connection dies.
/// </summary>
public sealed class FastResponse
{
    private byte[] head = new byte[1024];

    internal int HeadLength { get; private set; }

    internal byte[] Head => head;

    public SafeFileHandle? File { get; set; }

    public long Offset { get; set; }

    public long Length { get; set; }

    /// <summary>Released when the response has been sent or the connection closed (a concurrency-limit permit).</summary>
    public IDisposable? Lease { get; set; }

    public Task? WaitFor { get; set; }

    public void StartHead(int status, string reason)
    {
        HeadLength = 0;
        Append("HTTP/1.1 ");
        Append(status.ToString(CultureInfo.InvariantCulture));
        Append(" ");
        Append(reason);
        Append("\r\n");
    }

    public void AddHeader(string name, string value)
    {
        Append(name);
        Append(": ");
        Append(value);
        Append("\r\n");
    }

    public void AddHeader(string name, long value) => AddHeader(name, value.ToString(CultureInfo.InvariantCulture));

    internal void EndHead(ReadOnlySpan<byte> dateLine)
    {
        Append(dateLine);
        Append("\r\n"u8);
    }

    /// <summary>Drops whatever a decision left behind (a file opened before it chose to hand off, a permit).</summary>
    internal void Clear()
    {
        File?.Dispose();
        File = null;
        Lease?.Dispose();
        Lease = null;
        WaitFor = null;
        Offset = 0;
        Length = 0;
        HeadLength = 0;
    }

    private void Append(string text)
    {
        // Header names and values here are ASCII the responder built itself, never request bytes.
        Ensure(text.Length);
        HeadLength += Encoding.ASCII.GetBytes(text, head.AsSpan(HeadLength));
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(head.AsSpan(HeadLength));
        HeadLength += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (HeadLength + more > head.Length)
        {
            Array.Resize(ref head, Math.Max(head.Length * 2, HeadLength + more));
        }
    }
}

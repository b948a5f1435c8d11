using System.IO.Pipelines;

namespace Framecast.Infrastructure.Http.SendFile;

/// <summary>
/// The connection's output as Kestrel sees it, counting every byte Kestrel commits, so that a file region can be
/// pinned to the exact place in the byte stream where its body begins.
/// </summary>
public sealed class CountingPipeWriter(PipeWriter inner) : PipeWriter
{
    private long advanced;

    /// <summary>Bytes committed so far; read by the request that owns the connection's output at that moment.</summary>
    public long BytesAdvanced => Volatile.Read(ref advanced);

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void Advance(int bytes)
    {
        inner.Advance(bytes);
        Volatile.Write(ref advanced, advanced + bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}

namespace Framecast.Infrastructure.Http.SendFile;

/// <summary>
/// A piece of a file to go out with sendfile(2) in place of the <see cref="Count"/> placeholder bytes that Kestrel
/// was given for the response body at <see cref="Position"/> of the connection's output.
/// </summary>
public sealed class FileRegion(long position, FileStream file, long offset, long count)
{
    private readonly TaskCompletionSource sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Position { get; } = position;

    public FileStream File { get; } = file;

    public long Offset { get; } = offset;

    public long Count { get; } = count;

    /// <summary>Completes when the kernel has taken the last byte, or fails when the connection could not take them.</summary>
    public Task Sent => sent.Task;

    public void MarkSent() => sent.TrySetResult();

    public void MarkFailed() => sent.TrySetException(new OperationCanceledException("The connection closed before the file was sent."));
}

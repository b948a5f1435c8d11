using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Framecast.Infrastructure.Http.SendFile;

/// <summary>
/// Owns the sending side of one plain HTTP/1.x connection. Kestrel writes its responses into <see cref="Writer"/>;
/// this loop puts them on the socket itself, so that a file body can leave through sendfile(2) (page cache to socket,
/// no copy through managed memory) in its exact place between the bytes Kestrel wrote: Kestrel's own send-file path
/// reads files through 16 KiB managed buffers (bench/delivery measured it at 0.4x nginx).
/// </summary>
public sealed class SocketOutput
{
    // Large enough for a whole HLS segment in one call; small enough that a stalled reader is noticed.
    private const int ChunkBytes = 2 * 1024 * 1024;

    private readonly Socket socket;
    private readonly ConnectionContext connection;
    private readonly MinDataRate? minRate;
    private readonly SendFileMetrics metrics;
    private readonly Pipe pipe;
    private readonly ConcurrentQueue<FileRegion> regions = new();
    private readonly SocketAsyncEventArgs sendPackets = new();
    private TaskCompletionSource? packetsSent;
    private volatile bool failed;
    private bool? directSendFile;

    public SocketOutput(Socket socket, ConnectionContext connection, MemoryPool<byte>? pool, KestrelServerLimits limits, SendFileMetrics metrics)
    {
        this.metrics = metrics;
        this.socket = socket;
        this.connection = connection;
        minRate = limits.MinResponseDataRate;
        var pause = limits.MaxResponseBufferSize ?? 1024 * 1024;
        // The sender runs inline in Kestrel's flush: a response's bytes reach the socket without a thread hop, and a
        // file whose sendfile completes at once is sent before the request's flush returns.
        pipe = new Pipe(new PipeOptions(pool, readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.ThreadPool, pause, pause / 2, useSynchronizationContext: false));
        Writer = new CountingPipeWriter(pipe.Writer);
        sendPackets.Completed += (_, args) => packetsSent?.TrySetResult();
    }

    public CountingPipeWriter Writer { get; }

    /// <summary>
    /// Queues a file region whose placeholder bytes are the next ones the caller writes. Call only while the
    /// connection's output is yours (inside a response, after flushing the headers).
    /// </summary>
    public FileRegion? TryQueue(FileStream file, long offset, long count)
    {
        if (failed)
        {
            return null;
        }
        var region = new FileRegion(Writer.BytesAdvanced, file, offset, count);
        regions.Enqueue(region);
        return region;
    }

    public async Task RunAsync()
    {
        var reader = pipe.Reader;
        long position = 0;
        long placeholders = 0;
        Task? fileSend = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    if (placeholders > 0)
                    {
                        // Placeholder bytes were never written (uninitialised pool memory): they are dropped, never sent.
                        var skip = Math.Min(placeholders, buffer.Length);
                        buffer = buffer.Slice(skip);
                        position += skip;
                        placeholders -= skip;
                        continue;
                    }
                    if (fileSend is not null)
                    {
                        await fileSend;
                        fileSend = null;
                    }
                    if (regions.TryPeek(out var region) && region.Position < position + buffer.Length)
                    {
                        if (region.Position < position)
                        {
                            throw new InvalidOperationException("A file region was queued behind bytes already sent.");
                        }
                        var before = buffer.Slice(0, region.Position - position);
                        await SendAsync(before);
                        buffer = buffer.Slice(before.End);
                        position = region.Position;
                        regions.TryDequeue(out _);
                        placeholders = region.Count;
                        fileSend = SendFileAsync(region);
                        continue;
                    }
                    await SendAsync(buffer);
                    position += buffer.Length;
                    buffer = buffer.Slice(buffer.End);
                }
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
            if (fileSend is not null)
            {
                await fileSend;
            }
            await reader.CompleteAsync();
        }
        catch (Exception error)
        {
            Fail();
            await reader.CompleteAsync(error);
        }
    }

    private void Fail()
    {
        failed = true;
        connection.Abort(new ConnectionAbortedException("The connection's output failed."));
        while (regions.TryDequeue(out var region))
        {
            region.MarkFailed();
        }
    }

    private async Task SendAsync(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }
        if (bytes.IsSingleSegment)
        {
            await socket.SendAsync(bytes.First, SocketFlags.None);
            return;
        }
        var segments = new List<ArraySegment<byte>>();
        foreach (var memory in bytes)
        {
            if (!MemoryMarshal.TryGetArray(memory, out var segment))
            {
                segment = memory.ToArray();
            }
            segments.Add(segment);
        }
        await socket.SendAsync(segments, SocketFlags.None);
    }

    private async Task SendFileAsync(FileRegion region)
    {
        try
        {
            directSendFile ??= LinuxSendFile.CanUse(socket);
            var done = directSendFile.Value ? LinuxSendFile.SendNow(socket, region.File, region.Offset, region.Count) : 0;
            metrics.Sent(done);
            while (done < region.Count)
            {
                var chunk = (int)Math.Min(ChunkBytes, region.Count - done);
                var send = SendPacketsAsync(new SendPacketsElement(region.File, region.Offset + done, chunk, endOfPacket: true));
                await (minRate is null ? send : send.WaitAsync(minRate.GracePeriod + TimeSpan.FromSeconds(chunk / minRate.BytesPerSecond)));
                if (sendPackets.SocketError != SocketError.Success || sendPackets.BytesTransferred != chunk)
                {
                    throw new IOException($"sendfile stopped: {sendPackets.SocketError}, {sendPackets.BytesTransferred} of {chunk} bytes.");
                }
                done += chunk;
                metrics.Sent(chunk);
            }
            region.MarkSent();
        }
        catch (Exception)
        {
            region.MarkFailed();
            Fail(); // the response is cut short: the connection must not carry on as if it were whole
            throw;
        }
    }

    private Task SendPacketsAsync(SendPacketsElement element)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        packetsSent = sent;
        sendPackets.SendPacketsElements = [element];
        if (!socket.SendPacketsAsync(sendPackets))
        {
            sent.TrySetResult();
        }
        return sent.Task;
    }
}

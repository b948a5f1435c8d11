using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Framecast.Hosting;
using Framecast.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Uploads;

/// <summary>
/// Upload bytes on disk under <c>DATA/uploads/{id}.part</c>, written as they arrive (memory stays flat whatever the
/// file size) and hashed on the way through. Appends to one upload are serialised.
/// </summary>
public sealed class UploadStaging(IOptions<FramecastOptions> options)
{
    private const int BufferSize = 1024 * 1024;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<string, UploadHasher> _hashers = new();

    public string Root { get; } = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "uploads");

    public string PathOf(string uploadId) =>
        Ids.IsValid(uploadId) ? Path.Combine(Root, $"{uploadId}.part") : throw new ArgumentException("Invalid upload id", nameof(uploadId));

    public void Create(string uploadId)
    {
        Directory.CreateDirectory(Root);
        using var _ = new FileStream(PathOf(uploadId), FileMode.CreateNew, FileAccess.Write);
    }

    public async Task<IDisposable> LockAsync(string uploadId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(uploadId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    /// <summary>
    /// Appends <paramref name="body"/> at <paramref name="offset"/>, at most <paramref name="maxBytes"/> of it. Returns
    /// the bytes kept: all of them, those received before the client went away, or none when the checksum fails or
    /// the body is too long (the chunk is then discarded whole).
    /// </summary>
    public async Task<(AppendOutcome Outcome, long Written)> AppendAsync(
        string uploadId, long offset, Stream body, long maxBytes, UploadChecksum? checksum, CancellationToken cancellationToken,
        bool keepPartial = true)
    {
        var path = PathOf(uploadId);
        var hasher = await HasherAtAsync(uploadId, path, offset, cancellationToken);
        using var chunkHash = checksum is null ? null : IncrementalHash.CreateHash(checksum.Algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long written = 0;
        var outcome = AppendOutcome.Appended;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, 1, useAsync: true);
        // Bytes past the recorded offset are from a write whose offset was never committed (a crash): drop them.
        file.SetLength(offset);
        file.Position = offset;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                if (written + read > maxBytes)
                {
                    outcome = AppendOutcome.TooLarge;
                    break;
                }
                await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                hasher.Append(buffer.AsSpan(0, read));
                chunkHash?.AppendData(buffer.AsSpan(0, read));
                written += read;
            }
            if (outcome == AppendOutcome.Appended && chunkHash is not null && !chunkHash.GetHashAndReset().AsSpan().SequenceEqual(checksum!.Expected))
            {
                outcome = AppendOutcome.ChecksumMismatch;
            }
        }
        catch (Exception ex) when (keepPartial && ex is IOException or OperationCanceledException)
        {
            // The client went away mid-body. Without a checksum the bytes that arrived are good and kept (tus lets the
            // client resume from them); with one they cannot be verified, so they go.
            if (checksum is not null)
            {
                outcome = AppendOutcome.ChecksumMismatch;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (outcome != AppendOutcome.Appended)
        {
            file.SetLength(offset);
            _hashers.TryRemove(uploadId, out var stale);
            stale?.Dispose();
            return (outcome, 0);
        }
        // Durable before the offset is committed, so a crash never records bytes the disk does not have.
        file.Flush(flushToDisk: true);
        return (outcome, written);
    }

    /// <summary>The whole file's SHA-256 and MD5, once the last byte is in.</summary>
    public async Task<(string Sha256, string Md5)> FinishHashesAsync(string uploadId, long length, CancellationToken cancellationToken)
    {
        var hasher = await HasherAtAsync(uploadId, PathOf(uploadId), length, cancellationToken);
        _hashers.TryRemove(uploadId, out _);
        using (hasher)
        {
            return hasher.Finish();
        }
    }

    public void Delete(string uploadId)
    {
        if (_hashers.TryRemove(uploadId, out var hasher))
        {
            hasher.Dispose();
        }
        File.Delete(PathOf(uploadId));
        _locks.TryRemove(uploadId, out _);
    }

    private async Task<UploadHasher> HasherAtAsync(string uploadId, string path, long offset, CancellationToken cancellationToken)
    {
        if (_hashers.TryGetValue(uploadId, out var cached) && cached.Position == offset)
        {
            return cached;
        }
        // After a restart, or when another node took the previous chunks: re-read what is on disk.
        var rebuilt = await UploadHasher.FromFileAsync(path, offset, cancellationToken);
        _hashers[uploadId] = rebuilt;
        cached?.Dispose();
        return rebuilt;
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Framecast.Hosting;
using Framecast.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Uploads;

/// <summary>
/// Upload bytes on disk under <c>DATA/uploads/{id}.part</c>, written as they arrive (memory stays flat whatever the
/// file size) and hashed on the way through. One append at a time per upload is the caller's to ensure
/// (<see cref="UploadWriters"/>, across nodes). The running hash of an upload waiting for its next chunk is parked
/// here for a while; past that, or on another node, it is rebuilt from the file.
/// </summary>
public sealed class UploadStaging(IOptions<FramecastOptions> options)
{
    private const int BufferSize = 1024 * 1024;
    private static readonly TimeSpan ParkFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, Parked> _parked = new();

    /// <summary>Running hashes kept between chunks; bounded by <see cref="ParkFor"/>.</summary>
    public int ParkedHashers => _parked.Count;

    public string Root { get; } = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "uploads");

    public string PathOf(string uploadId) =>
        Ids.IsValid(uploadId) ? Path.Combine(Root, $"{uploadId}.part") : throw new ArgumentException("Invalid upload id", nameof(uploadId));

    public void Create(string uploadId)
    {
        Directory.CreateDirectory(Root);
        using var _ = new FileStream(PathOf(uploadId), FileMode.CreateNew, FileAccess.Write);
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
        if (!File.Exists(path))
        {
            // Terminated or expired while this request waited: nothing to append to.
            return (AppendOutcome.OffsetMismatch, 0);
        }
        var hasher = await TakeHasherAsync(uploadId, path, offset, cancellationToken);
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
            hasher.Dispose();
            return (outcome, 0);
        }
        // Durable before the offset is committed, so a crash never records bytes the disk does not have.
        file.Flush(flushToDisk: true);
        Park(uploadId, hasher);
        return (outcome, written);
    }

    /// <summary>The whole file's SHA-256 and MD5, once the last byte is in.</summary>
    public async Task<(string Sha256, string Md5)> FinishHashesAsync(string uploadId, long length, CancellationToken cancellationToken)
    {
        var hasher = await TakeHasherAsync(uploadId, PathOf(uploadId), length, cancellationToken);
        using (hasher)
        {
            return hasher.Finish();
        }
    }

    public void Delete(string uploadId)
    {
        if (_parked.TryRemove(uploadId, out var parked))
        {
            parked.Hasher.Dispose();
        }
        File.Delete(PathOf(uploadId));
    }

    /// <summary>The upload's running hash at <paramref name="offset"/>, taken out of the parking (only its taker uses it).</summary>
    private async Task<UploadHasher> TakeHasherAsync(string uploadId, string path, long offset, CancellationToken cancellationToken)
    {
        if (_parked.TryRemove(uploadId, out var parked))
        {
            if (parked.Hasher.Position == offset)
            {
                return parked.Hasher;
            }
            parked.Hasher.Dispose();
        }
        // After a restart, a long pause, or when another node took the previous chunks: re-read what is on disk.
        return await UploadHasher.FromFileAsync(path, offset, cancellationToken);
    }

    private void Park(string uploadId, UploadHasher hasher)
    {
        var now = Environment.TickCount64;
        if (_parked.TryRemove(uploadId, out var previous))
        {
            previous.Hasher.Dispose();
        }
        _parked[uploadId] = new Parked(hasher, now);
        foreach (var (id, idle) in _parked)
        {
            if (now - idle.Since > ParkFor.TotalMilliseconds && _parked.TryRemove(new KeyValuePair<string, Parked>(id, idle)))
            {
                idle.Hasher.Dispose();
            }
        }
    }

    private sealed record Parked(UploadHasher Hasher, long Since);
}

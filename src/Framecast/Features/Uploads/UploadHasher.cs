using System.Security.Cryptography;

namespace Framecast.Features.Uploads;

/// <summary>SHA-256 and MD5 of a whole upload, fed chunk by chunk as the bytes arrive.</summary>
public sealed class UploadHasher : IDisposable
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    /// <summary>How many bytes from the start of the file have been hashed.</summary>
    public long Position { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        _sha256.AppendData(data);
        _md5.AppendData(data);
        Position += data.Length;
    }

    public (string Sha256, string Md5) Finish() =>
        (Convert.ToHexStringLower(_sha256.GetHashAndReset()), Convert.ToHexStringLower(_md5.GetHashAndReset()));

    public void Dispose()
    {
        _sha256.Dispose();
        _md5.Dispose();
    }

    /// <summary>Rebuilds the state by reading the first <paramref name="length"/> bytes (after a restart or on another node).</summary>
    public static async Task<UploadHasher> FromFileAsync(string path, long length, CancellationToken cancellationToken)
    {
        var hasher = new UploadHasher();
        if (length == 0)
        {
            return hasher;
        }
        var buffer = new byte[1024 * 1024];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, useAsync: true);
        while (hasher.Position < length)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - hasher.Position)), cancellationToken);
            if (read == 0)
            {
                throw new IOException($"Upload file {path} is shorter than its recorded offset {length}");
            }
            hasher.Append(buffer.AsSpan(0, read));
        }
        return hasher;
    }
}

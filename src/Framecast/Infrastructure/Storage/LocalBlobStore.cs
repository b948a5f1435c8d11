using Framecast.Hosting;
using Microsoft.Extensions.Options;

namespace Framecast.Infrastructure.Storage;

/// <summary>Blobs as files under <c>DATA/media</c>.</summary>
public sealed class LocalBlobStore(IOptions<FramecastOptions> options) : IBlobStore
{
    public string Root { get; } = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "media");

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true));

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken) => Task.FromResult(PathOf(key));

    public Task ImportFileAsync(string key, string sourcePath, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(sourcePath, path, overwrite: true);
        return Task.CompletedTask;
    }

    public Task ImportDirectoryAsync(string prefix, string sourceDirectory, CancellationToken cancellationToken)
    {
        var path = PathOf(prefix);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Swap by renames: readers see the old tree or the new one; the old one is removed afterwards.
        var old = $"{path}.old-{Guid.NewGuid():N}";
        if (Directory.Exists(path))
        {
            Directory.Move(path, old);
        }
        Directory.Move(sourceDirectory, path);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var path = PathOf(prefix);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }

    /// <summary>The file that holds <paramref name="key"/> (which need not exist); throws for an invalid key.</summary>
    public string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(Root, BlobKey.Validate(key)));
        // Belt and braces: the key grammar already rules out leaving the root.
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob key '{key}' leaves the media root", nameof(key));
        }
        return full;
    }
}

namespace Framecast.Infrastructure.Storage;

/// <summary>
/// Media storage by key (<c>videoId/name</c>, validated by <see cref="BlobKey"/>), never by a raw path; local disk now,
/// an S3-compatible store later behind the same calls.
/// </summary>
public interface IBlobStore
{
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes atomically: readers see the old blob or the whole new one, never a part.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>A local file holding the blob, for tools such as ffmpeg that need a path (a remote store would cache a copy).</summary>
    Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken);

    /// <summary>Moves a finished local file in as <paramref name="key"/> (a rename when on the same disk).</summary>
    Task ImportFileAsync(string key, string sourcePath, CancellationToken cancellationToken);

    /// <summary>Replaces everything under <paramref name="prefix"/> with a finished local folder, all at once for readers.</summary>
    Task ImportDirectoryAsync(string prefix, string sourceDirectory, CancellationToken cancellationToken);

    /// <summary>Removes every blob under <paramref name="prefix"/>; a prefix that does not exist is not an error.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}

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

    /// <summary>Removes every blob under <paramref name="prefix"/>; a prefix that does not exist is not an error.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}

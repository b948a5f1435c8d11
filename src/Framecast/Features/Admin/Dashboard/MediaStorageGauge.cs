using Framecast.Hosting;
using Framecast.Infrastructure;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Admin.Dashboard;

/// <summary>
/// Bytes stored under <c>DATA/media</c>. No table keeps file sizes (renditions, storyboards and thumbnails are
/// written by ffmpeg), so the folder is walked, at most once a minute per node, however often the dashboard asks.
/// </summary>
public sealed class MediaStorageGauge(IOptions<FramecastOptions> options, TimeProvider clock, ILogger<MediaStorageGauge> logger) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim walking = new(1, 1);
    private StorageStats? last;

    private string Root => Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "media");

    public async Task<StorageStats> MeasureAsync(CancellationToken cancellationToken)
    {
        if (Fresh(last) is { } cached)
        {
            return cached;
        }
        await walking.WaitAsync(cancellationToken);
        try
        {
            // Whoever waited behind a walk takes its result.
            if (Fresh(last) is { } walked)
            {
                return walked;
            }
            var root = Root;
            var bytes = await Task.Run(() => Walk(root, cancellationToken), cancellationToken);
            last = new StorageStats(bytes, FreeBytes(root), clock.UtcNowMicros());
            return last;
        }
        finally
        {
            walking.Release();
        }
    }

    public void Dispose() => walking.Dispose();

    private StorageStats? Fresh(StorageStats? stats) =>
        stats is not null && clock.GetUtcNow().UtcDateTime - stats.MeasuredAt < MaxAge ? stats : null;

    private static long Walk(string root, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }
        long total = 0;
        // Sizes come with the directory entries; a file deleted meanwhile is simply counted as it was.
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            total += file.Length;
        }
        return total;
    }

    private long? FreeBytes(string root)
    {
        try
        {
            return new DriveInfo(Directory.Exists(root) ? root : Path.GetDirectoryName(root)!).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Free space is a hint on the dashboard; without it the used bytes still show.
            logger.LogDebug(e, "Free space of {Root} unknown", root);
            return null;
        }
    }
}

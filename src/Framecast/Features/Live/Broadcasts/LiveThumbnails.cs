using Framecast.Features.Live.Hls;
using Framecast.Infrastructure.Media;
using Framecast.Infrastructure.Storage;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// A picture of each broadcast about every <see cref="Interval"/>, for the live list and cards: the first frame of
/// the latest complete segment of its smallest rendition, as a JPEG in media storage (so any node can serve it).
/// </summary>
public sealed class LiveThumbnails(IBlobStore blobs, IFfmpegRunner ffmpeg, TimeProvider clock, ILogger<LiveThumbnails> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, DateTimeOffset> _made = [];

    public static string Key(string sessionId) => $"{LiveRecorder.Prefix(sessionId)}/thumbnail.jpg";

    /// <summary>Where a broadcast's picture is, while it is on and once its first picture exists; null otherwise.</summary>
    public static async Task<string?> UrlAsync(IBlobStore blobs, LiveSession session, string username, CancellationToken cancellationToken)
    {
        if (session.Status == LiveSessionStatus.Ended || !await blobs.ExistsAsync(Key(session.Id), cancellationToken))
        {
            return null;
        }
        // A new address each time it is renewed, so lists never show a cached old picture.
        var made = File.GetLastWriteTimeUtc(await blobs.GetLocalPathAsync(Key(session.Id), cancellationToken));
        return $"/live/{Uri.EscapeDataString(username)}/thumbnail.jpg?v={new DateTimeOffset(made, TimeSpan.Zero).ToUnixTimeSeconds()}";
    }

    /// <summary>Makes the thumbnails that are due; one that fails is tried again next time.</summary>
    public async Task RefreshAsync(IReadOnlyList<Broadcast> broadcasts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var stale in _made.Keys.Where(id => broadcasts.All(b => b.SessionId != id)).ToList())
        {
            _made.Remove(stale);
        }
        foreach (var broadcast in broadcasts)
        {
            if (_made.TryGetValue(broadcast.SessionId, out var last) && now - last < Interval
                || broadcast.Renditions.LastOrDefault() is not { } smallest || smallest.LatestSegment() is not { } latest)
            {
                continue;
            }
            try
            {
                await MakeAsync(broadcast.SessionId, latest.Init, latest.Parts, cancellationToken);
                _made[broadcast.SessionId] = now;
            }
            catch (FfmpegException e)
            {
                logger.LogWarning("Broadcast {SessionId}: no thumbnail this time ({Error})", broadcast.SessionId, e.Message);
            }
        }
    }

    private async Task MakeAsync(string sessionId, byte[] init, IReadOnlyList<LivePart> parts, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), $"framecast-live-thumb-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var segment = Path.Combine(work, "segment.mp4");
            await using (var file = File.Create(segment))
            {
                await file.WriteAsync(init, cancellationToken);
                foreach (var part in parts)
                {
                    await file.WriteAsync(part.Bytes, cancellationToken);
                }
            }
            var jpeg = Path.Combine(work, "thumbnail.jpg");
            await ffmpeg.RunAsync(FfmpegCommand.Ffmpeg(
                ["-v", "error", .. MediaInput.Ffmpeg(segment), "-frames:v", "1", "-vf", "scale=-2:min(360\\,ih)", "-q:v", "4", "-y", "file:" + jpeg],
                withProgress: false), null, cancellationToken);
            await blobs.ImportFileAsync(BlobKey.Validate(Key(sessionId)), jpeg, cancellationToken);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

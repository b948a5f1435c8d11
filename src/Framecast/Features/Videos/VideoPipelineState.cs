using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Videos;

/// <summary>
/// The processing pipeline's view of a video: its stage, progress and results. Each call is a small conditional
/// update that only touches a video still in <c>processing</c>, so a deletion meanwhile always wins.
/// </summary>
public sealed class VideoPipelineState(FramecastDbContext db, VideoCaches caches, VideoPublication publication, TimeProvider clock)
{
    public Task<VideoStatus?> StatusAsync(string videoId, CancellationToken cancellationToken) =>
        db.Videos.Where(v => v.Id == videoId).Select(v => (VideoStatus?)v.Status).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The owner whose watermark the video carries, or null when it opted out.</summary>
    public Task<string?> WatermarkOwnerAsync(string videoId, CancellationToken cancellationToken) =>
        db.Videos.Where(v => v.Id == videoId && v.Watermark).Select(v => v.OwnerId).FirstOrDefaultAsync(cancellationToken);

    public Task<bool> EnterStageAsync(string videoId, ProcessingStage stage, int progress, CancellationToken cancellationToken) =>
        UpdateAsync(videoId, s => s.SetProperty(v => v.Stage, stage).SetProperty(v => v.Progress, progress), cancellationToken);

    public Task<bool> SetProgressAsync(string videoId, int progress, CancellationToken cancellationToken) =>
        UpdateAsync(videoId, s => s.SetProperty(v => v.Progress, progress), cancellationToken);

    public Task<bool> RecordProbeAsync(string videoId, double durationSeconds, int width, int height, CancellationToken cancellationToken) =>
        UpdateAsync(videoId, s => s.SetProperty(v => v.DurationSeconds, durationSeconds).SetProperty(v => v.Width, width).SetProperty(v => v.Height, height), cancellationToken);

    public Task<bool> MarkPlayableAsync(string videoId, CancellationToken cancellationToken) =>
        UpdateAsync(videoId, s => s.SetProperty(v => v.Playable, true), cancellationToken);

    public Task<bool> MarkThumbnailAsync(string videoId, CancellationToken cancellationToken) =>
        UpdateAsync(videoId, s => s.SetProperty(v => v.HasThumbnail, true), cancellationToken);

    /// <summary>Ready: and when public, published to its followers (queued in the same transaction).</summary>
    public async Task<bool> PublishAsync(string videoId, IReadOnlyList<Rendition> renditions, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == videoId && v.Status == VideoStatus.Processing, cancellationToken);
        if (video is null)
        {
            return false;
        }
        video.Status = VideoStatus.Ready;
        video.Stage = null;
        video.Progress = 100;
        video.Playable = true;
        video.Renditions = [.. renditions];
        video.UpdatedAt = clock.UtcNowMicros();
        await db.SaveChangesAsync(cancellationToken);
        await publication.MarkIfPublishedAsync(db, transaction, videoId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await caches.InvalidateAsync(videoId, cancellationToken);
        return true;
    }

    public Task<bool> FailAsync(string videoId, string code, string message, CancellationToken cancellationToken) =>
        UpdateAsync(videoId, s => s
            .SetProperty(v => v.Status, VideoStatus.Failed)
            .SetProperty(v => v.Stage, (ProcessingStage?)null)
            .SetProperty(v => v.Playable, false)
            .SetProperty(v => v.ErrorCode, code)
            .SetProperty(v => v.ErrorMessage, message.Length > 1000 ? message[..1000] : message), cancellationToken);

    private async Task<bool> UpdateAsync(
        string videoId,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Video>> set,
        CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var rows = await db.Videos.Where(v => v.Id == videoId && v.Status == VideoStatus.Processing)
            .ExecuteUpdateAsync(s => { set(s); s.SetProperty(v => v.UpdatedAt, now); }, cancellationToken);
        await caches.ForgetPlaybackAsync(videoId, cancellationToken);
        return rows == 1;
    }
}

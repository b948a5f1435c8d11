using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Framecast.Features.Videos;

/// <summary>A video's way in: created while its bytes arrive, their progress, and its hand-over to processing.</summary>
public sealed class VideoIntake(FramecastDbContext db, IVideoProcessingQueue processing, TimeProvider clock)
{
    /// <summary>A new video whose bytes are about to arrive (a tus upload): hidden from everyone but its owner meanwhile.</summary>
    public async Task<Video> CreateUploadingAsync(string ownerId, NewVideo input, CancellationToken cancellationToken)
    {
        var video = input.ToVideo(ownerId, VideoStatus.Uploading, clock.UtcNowMicros());
        db.Videos.Add(video);
        await db.SaveChangesAsync(cancellationToken);
        return video;
    }

    /// <summary>
    /// A new video whose bytes are already safe, with its processing queued, saved inside the caller's open
    /// <paramref name="transaction"/>: the caller commits it with whatever else belongs to the same change.
    /// </summary>
    public async Task<Video> CreateForProcessingAsync(string ownerId, NewVideo input, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var video = input.ToVideo(ownerId, VideoStatus.Processing, clock.UtcNowMicros());
        db.Videos.Add(video);
        processing.Enqueue(db, transaction, video);
        await db.SaveChangesAsync(cancellationToken);
        return video;
    }

    /// <summary>
    /// Moves an uploading video to processing and queues it, saved inside the caller's open <paramref name="transaction"/>
    /// (the caller commits it with the upload's completion). False if the video is no longer uploading (deleted meanwhile).
    /// </summary>
    public async Task<bool> StageProcessingAsync(string videoId, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == videoId, cancellationToken);
        if (video is null || video.Status != VideoStatus.Uploading)
        {
            return false;
        }
        video.Status = VideoStatus.Processing;
        video.Stage = ProcessingStage.Queued;
        video.Progress = 0;
        video.UpdatedAt = clock.UtcNowMicros();
        processing.Enqueue(db, transaction, video);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task<int> SetUploadProgressAsync(string videoId, int percent, CancellationToken cancellationToken) =>
        db.Videos.Where(v => v.Id == videoId && v.Status == VideoStatus.Uploading)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Progress, percent), cancellationToken);

    /// <summary>Removes a video whose upload was abandoned or terminated before it finished.</summary>
    public Task<int> DiscardUploadingAsync(string videoId, CancellationToken cancellationToken) =>
        db.Videos.Where(v => v.Id == videoId && v.Status == VideoStatus.Uploading).ExecuteDeleteAsync(cancellationToken);
}

using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Framecast.Features.Videos;

/// <summary>
/// Marks a video published the first time it is both ready and public, and queues <see cref="VideoPublished"/> with
/// it. A conditional update decides, so two changes at once (processing ends while the owner makes it public) queue once.
/// </summary>
public sealed class VideoPublication(JobQueue jobs, TimeProvider clock)
{
    /// <summary>Inside the caller's open <paramref name="transaction"/>, after the video's own changes are saved.</summary>
    public async Task<bool> MarkIfPublishedAsync(FramecastDbContext db, IDbContextTransaction transaction, string videoId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var marked = await db.Videos
            .Where(v => v.Id == videoId && v.PublishedAt == null && v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public && v.ModerationHold == 0)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.PublishedAt, now), cancellationToken);
        if (marked == 0)
        {
            return false;
        }
        jobs.Add(db, transaction, VideoPublished.JobType, new VideoPublished(videoId));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

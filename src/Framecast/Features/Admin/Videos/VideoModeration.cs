using Framecast.Features.Notifications;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Admin.Videos;

/// <summary>
/// Takedowns (the video leaves every list, search, its watch page and its media at once, for everyone but its owner and
/// admins; the owner is told why), restores, and reprocessing.
/// </summary>
public sealed class VideoModeration(FramecastDbContext db, VideoCaches caches, IVideoProcessingQueue processing, NotificationWriter notifications,
    TimeProvider clock)
{
    public async Task<Page<AdminVideoResponse>> ListAsync(string? q, bool? takenDown, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = db.Videos.AsNoTracking().Where(v => v.Status != VideoStatus.Deleting);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = Ids.IsValid(text) ? query.Where(v => v.Id == text || v.Title.Contains(text)) : query.Where(v => v.Title.Contains(text));
        }
        if (takenDown is { } t)
        {
            query = t ? query.Where(v => v.TakenDownAt != null) : query.Where(v => v.TakenDownAt == null);
        }
        var rows = await VideosService.Paged(query, cursor, limit)
            .Join(db.Users, v => v.OwnerId, u => u.Id, (v, u) => new { Video = v, u.Username })
            .ToListAsync(cancellationToken);
        return PageCursor.ToPage(rows, limit, r => new PageCursor(r.Video.CreatedAt, r.Video.Id), r => Describe(r.Video, r.Username));
    }

    public async Task<AdminVideoResponse?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id))
        {
            return null;
        }
        var row = await db.Videos.AsNoTracking().Where(v => v.Id == id && v.Status != VideoStatus.Deleting)
            .Join(db.Users, v => v.OwnerId, u => u.Id, (v, u) => new { Video = v, u.Username }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Describe(row.Video, row.Username);
    }

    public async Task<bool> TakeDownAsync(string id, string reason, CancellationToken cancellationToken)
    {
        var video = await FindTrackedAsync(id, cancellationToken);
        if (video is null)
        {
            return false;
        }
        var at = clock.UtcNowMicros();
        video.ModerationHold |= ModerationHolds.TakenDown;
        video.TakenDownAt = at;
        video.TakedownReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        await caches.InvalidateAsync(video.Id, cancellationToken);
        await notifications.ToUserAsync(video.OwnerId, new NotificationDraft(NotificationTypes.Moderation, $"takedown:{video.Id}:{at.Ticks}", "admin",
            VideoId: video.Id, VideoTitle: video.Title, Message: $"Your video was taken down: {reason}"), cancellationToken);
        return true;
    }

    public async Task<bool> RestoreAsync(string id, CancellationToken cancellationToken)
    {
        var video = await FindTrackedAsync(id, cancellationToken);
        if (video is null)
        {
            return false;
        }
        if (video.TakenDownAt is null)
        {
            return true;
        }
        var at = clock.UtcNowMicros();
        video.ModerationHold &= ~ModerationHolds.TakenDown;
        video.TakenDownAt = null;
        video.TakedownReason = null;
        await db.SaveChangesAsync(cancellationToken);
        await caches.InvalidateAsync(video.Id, cancellationToken);
        await notifications.ToUserAsync(video.OwnerId, new NotificationDraft(NotificationTypes.Moderation, $"restore:{video.Id}:{at.Ticks}", "admin",
            VideoId: video.Id, VideoTitle: video.Title, Message: "Your video was restored."), cancellationToken);
        return true;
    }

    /// <summary>Runs the processing pipeline again from the upload (the job and the status change commit together).</summary>
    public async Task<bool> ReprocessAsync(string id, CancellationToken cancellationToken)
    {
        var video = await FindTrackedAsync(id, cancellationToken);
        if (video is null || video.Status is VideoStatus.Uploading)
        {
            return false;
        }
        video.Status = VideoStatus.Processing;
        video.Stage = null;
        video.Progress = 0;
        video.ErrorCode = null;
        video.ErrorMessage = null;
        video.UpdatedAt = clock.UtcNowMicros();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            processing.Enqueue(db, transaction, video);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await caches.InvalidateAsync(video.Id, cancellationToken);
        return true;
    }

    private Task<Video?> FindTrackedAsync(string id, CancellationToken cancellationToken) =>
        Ids.IsValid(id) ? db.Videos.FirstOrDefaultAsync(v => v.Id == id && v.Status != VideoStatus.Deleting, cancellationToken) : Task.FromResult<Video?>(null);

    private static AdminVideoResponse Describe(Video v, string username) => new(
        v.Id, v.Title, new AdminUserRef(v.OwnerId, username), v.Status.ToString().ToLowerInvariant(), v.Visibility.ToString().ToLowerInvariant(),
        v.CreatedAt, v.Views, v.TakenDownAt is { } at ? new AdminHold(v.TakedownReason ?? "", at) : null,
        (v.ModerationHold & ModerationHolds.OwnerBanned) != 0, v.HasThumbnail ? $"/media/{v.Id}/thumbnail.jpg" : null);
}

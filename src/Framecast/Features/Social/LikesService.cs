using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Social;

/// <summary>
/// Likes of videos the caller may see. The like row and the video's counter change in one transaction, and the counter
/// moves only when a row was really added or removed, so any number of likes and unlikes at once leave it exact.
/// </summary>
public sealed class LikesService(FramecastDbContext db, VideosService videos, DbConnectionFactory connections, TimeProvider clock)
{
    /// <summary>Likes (or unlikes) the video; null when the caller may not see it (404).</summary>
    public async Task<LikeResponse?> SetAsync(string videoId, Viewer viewer, bool like, CancellationToken cancellationToken)
    {
        var userId = viewer.UserId ?? throw new InvalidOperationException("Only a signed-in account likes.");
        if (await videos.FindVisibleAsync(videoId, viewer, cancellationToken) is null)
        {
            return null;
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var changed = like
                ? await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO video_likes (video_id, user_id, created_at) VALUES ({videoId}, {userId}, {connections.Time(clock.UtcNowMicros())}) ON CONFLICT DO NOTHING",
                    cancellationToken)
                : await db.Set<VideoLike>().Where(l => l.VideoId == videoId && l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            if (changed == 1)
            {
                await videos.AddLikesAsync(videoId, like ? 1 : -1, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return new LikeResponse(like, await videos.LikeCountAsync(videoId, cancellationToken));
    }

    /// <summary>The caller's like (false when anonymous) and the count; null when the caller may not see the video.</summary>
    public async Task<LikeResponse?> GetAsync(string videoId, Viewer viewer, CancellationToken cancellationToken)
    {
        var video = await videos.FindVisibleAsync(videoId, viewer, cancellationToken);
        if (video is null)
        {
            return null;
        }
        var liked = viewer.UserId is { } userId && await db.Set<VideoLike>().AnyAsync(l => l.VideoId == videoId && l.UserId == userId, cancellationToken);
        return new LikeResponse(liked, video.LikeCount);
    }
}

using Framecast.Features.Accounts;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Framecast.Infrastructure.Jobs;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Videos;

public sealed class VideosService(FramecastDbContext db, JobQueue jobs, VideoResponses responses, VideoCaches caches, VideoPublication publication, TimeProvider clock)
{
    public async Task<Video> CreateAsync(string ownerId, NewVideo input, VideoStatus status, CancellationToken cancellationToken)
    {
        var video = Add(ownerId, input, status);
        await SavePublishingAsync(video.Id, cancellationToken);
        return video;
    }

    private Video Add(string ownerId, NewVideo input, VideoStatus status)
    {
        var video = input.ToVideo(ownerId, status, clock.UtcNowMicros());
        db.Videos.Add(video);
        return video;
    }

    /// <summary>
    /// The video if <paramref name="viewer"/> may see it: the owner and admins see everything but deleting videos;
    /// others see public and unlisted ones that can be watched. Null otherwise (a 404, never a 403, so ids don't leak).
    /// </summary>
    public async Task<Video?> FindVisibleAsync(string id, Viewer viewer, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id))
        {
            return null;
        }
        var video = await db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return video is not null && CanView(video, viewer) ? video : null;
    }

    /// <summary>Of <paramref name="ids"/>, the videos that exist (whatever <paramref name="viewer"/> may see of them: check <see cref="CanView"/>).</summary>
    public async Task<Dictionary<string, Video>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var valid = ids.Where(Ids.IsValid).Distinct().ToList();
        return valid.Count == 0
            ? []
            : await db.Videos.AsNoTracking().Where(v => valid.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
    }

    public static bool CanView(Video video, Viewer viewer) =>
        video.Status != VideoStatus.Deleting
        && (viewer.OwnsOrAdmin(video.OwnerId)
            || (video.Visibility != Visibility.Private && video.ModerationHold == 0 && (video.Status == VideoStatus.Ready || video.Playable)));

    /// <summary>Matches of <c>?q=</c> the list considers: the best this many, then newest first like the rest of the list.</summary>
    public const int MaxTextMatches = 1000;

    public async Task<Page<VideoResponse>> ListPublicAsync(string? q, PageCursor? cursor, int limit, IVideoTextSearch? search, CancellationToken cancellationToken)
    {
        var query = PublicQuery();
        if (!string.IsNullOrWhiteSpace(q) && search is not null)
        {
            var ids = await search.MatchingIdsAsync(q.Trim(), MaxTextMatches, cancellationToken);
            query = query.Where(v => ids.Contains(v.Id));
        }
        return await PageAsync(query, cursor, limit, cancellationToken);
    }

    /// <summary>A channel's videos; null when there is no such user.</summary>
    public async Task<Page<VideoResponse>?> ListByOwnerAsync(string username, Viewer viewer, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var ownerId = await responses.FindOwnerIdAsync(username, includeBanned: viewer.IsAdmin, cancellationToken);
        if (ownerId is null)
        {
            return null;
        }
        return await PageAsync(ChannelQuery(ownerId, everything: viewer.OwnsOrAdmin(ownerId)), cursor, limit, cancellationToken);
    }

    public async Task<(AccessOutcome Outcome, Video? Video)> UpdateAsync(string id, Viewer viewer, UpdateVideoRequest request, CancellationToken cancellationToken)
    {
        var (outcome, video) = await FindOwnedAsync(id, viewer, allowAdmin: false, cancellationToken);
        if (video is null)
        {
            return (outcome, null);
        }
        if (request.Title is not null)
        {
            video.Title = request.Title.Trim();
        }
        if (request.Description is not null)
        {
            video.Description = request.Description;
        }
        if (request.Tags is not null)
        {
            video.Tags = VideoRules.NormalizeTags(request.Tags);
        }
        if (VideoRules.TryParseVisibility(request.Visibility, out var visibility))
        {
            video.Visibility = visibility;
        }
        video.UpdatedAt = clock.UtcNowMicros();
        await SavePublishingAsync(video.Id, cancellationToken);
        return (AccessOutcome.Done, video);
    }

    /// <summary>Hides the video at once and queues the removal of its files and rows, in one transaction.</summary>
    public async Task<AccessOutcome> DeleteAsync(string id, Viewer viewer, CancellationToken cancellationToken)
    {
        var (outcome, video) = await FindOwnedAsync(id, viewer, allowAdmin: true, cancellationToken);
        if (video is null)
        {
            return outcome;
        }
        video.Status = VideoStatus.Deleting;
        video.UpdatedAt = clock.UtcNowMicros();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            jobs.Add(db, transaction, VideoDeletionJob.Type, new VideoJobPayload(video.Id));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await caches.InvalidateAsync(video.Id, cancellationToken);
        return AccessOutcome.Done;
    }

    public async Task<VideoResponse> ToResponseAsync(Video video, CancellationToken cancellationToken) =>
        await responses.OneAsync(video, cancellationToken);

    /// <summary>
    /// Saves video changes (a video that became ready and public for the first time is published with them, in one
    /// transaction) and drops this node's cached copies, so the change shows at once.
    /// </summary>
    private async Task SavePublishingAsync(string videoId, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await publication.MarkIfPublishedAsync(db, transaction, videoId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await caches.InvalidateAsync(videoId, cancellationToken);
    }

    /// <summary>
    /// Moves the video's like counter by <paramref name="delta"/>, inside the caller's open transaction (Social changes
    /// it with the like row, so it stays exact).
    /// </summary>
    public Task<int> AddLikesAsync(string videoId, int delta, CancellationToken cancellationToken) =>
        db.Videos.Where(v => v.Id == videoId).ExecuteUpdateAsync(u => u.SetProperty(v => v.LikeCount, v => v.LikeCount + delta), cancellationToken);

    public Task<long> LikeCountAsync(string videoId, CancellationToken cancellationToken) =>
        db.Videos.Where(v => v.Id == videoId).Select(v => v.LikeCount).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Published (ready and public) videos of <paramref name="ownerIds"/>, newest published first, strictly before
    /// <paramref name="before"/>: at most <paramref name="count"/>. The owners come as a query so a caller's subquery
    /// (the channels someone follows) stays in the database.
    /// </summary>
    public Task<List<Video>> ListPublishedAsync(IQueryable<string> ownerIds, PageCursor? before, int count, CancellationToken cancellationToken)
    {
        var query = db.Videos.AsNoTracking()
            .Where(v => ownerIds.Contains(v.OwnerId) && v.PublishedAt != null && v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public && v.ModerationHold == 0);
        if (before is { } c)
        {
            query = query.Where(v => v.PublishedAt <= c.CreatedAt && (v.PublishedAt < c.CreatedAt || string.Compare(v.Id, c.Id) < 0));
        }
        return query.OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id).Take(count).ToListAsync(cancellationToken);
    }

    public Task<Func<Video, VideoResponse>> ResponsesForAsync(IEnumerable<Video> videos, CancellationToken cancellationToken) =>
        responses.ForPageAsync(videos, cancellationToken);

    /// <summary>The video whatever its visibility (playback applies its own rules, tokens included).</summary>
    public Task<Video?> FindForPlaybackAsync(string id, CancellationToken cancellationToken) =>
        Ids.IsValid(id) ? db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) : Task.FromResult<Video?>(null);

    private async Task<(AccessOutcome, Video?)> FindOwnedAsync(string id, Viewer viewer, bool allowAdmin, CancellationToken cancellationToken)
    {
        var video = Ids.IsValid(id) ? await db.Videos.FirstOrDefaultAsync(v => v.Id == id, cancellationToken) : null;
        if (video is null || !CanView(video, viewer))
        {
            return (AccessOutcome.NotFound, null);
        }
        return viewer.Owns(video.OwnerId) || (allowAdmin && viewer.IsAdmin) ? (AccessOutcome.Done, video) : (AccessOutcome.Forbidden, null);
    }

    /// <summary>Public, ready videos: the home page and <c>GET /api/v1/videos</c> (index <c>ix_videos_listing</c>).</summary>
    public IQueryable<Video> PublicQuery() =>
        db.Videos.AsNoTracking().Where(ModerationHolds.Listed);

    /// <summary>
    /// A channel's videos: all but deleting ones for its owner and admins (<c>ix_videos_owner</c>), else its public ready
    /// ones (<c>ix_videos_owner_public</c>): either way a seek into the channel's own rows.
    /// </summary>
    public IQueryable<Video> ChannelQuery(string ownerId, bool everything) =>
        everything
            ? db.Videos.AsNoTracking().Where(v => v.OwnerId == ownerId && v.Status != VideoStatus.Deleting)
            : db.Videos.AsNoTracking().Where(v => v.OwnerId == ownerId).Where(ModerationHolds.Listed);

    /// <summary>
    /// Only the columns a video resource shows, read straight into a detached row: list and channel pages select these
    /// rather than whole entities (publication and moderation bookkeeping stay in the database).
    /// </summary>
    private static readonly Expression<Func<Video, Video>> ResponseColumns = v => new Video
    {
        Id = v.Id,
        OwnerId = v.OwnerId,
        Title = v.Title,
        Description = v.Description,
        Tags = v.Tags,
        Visibility = v.Visibility,
        Status = v.Status,
        Stage = v.Stage,
        Progress = v.Progress,
        Playable = v.Playable,
        ErrorCode = v.ErrorCode,
        ErrorMessage = v.ErrorMessage,
        DurationSeconds = v.DurationSeconds,
        Width = v.Width,
        Height = v.Height,
        HasThumbnail = v.HasThumbnail,
        Renditions = v.Renditions,
        Views = v.Views,
        LikeCount = v.LikeCount,
        CreatedAt = v.CreatedAt,
        UpdatedAt = v.UpdatedAt,
        TakenDownAt = v.TakenDownAt,
        TakedownReason = v.TakedownReason,
    };

    /// <summary>One page, newest first, from a keyset position (exposed so tests can read the plan of the real query).</summary>
    public static IQueryable<Video> Paged(IQueryable<Video> query, PageCursor? cursor, int limit)
    {
        if (cursor is { } c)
        {
            // The redundant first bound lets PostgreSQL seek the index instead of scanning from the newest row.
            query = query.Where(v => v.CreatedAt <= c.CreatedAt && (v.CreatedAt < c.CreatedAt || string.Compare(v.Id, c.Id) < 0));
        }
        return query.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).Take(limit + 1);
    }

    private async Task<Page<VideoResponse>> PageAsync(IQueryable<Video> query, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var rows = await Paged(query, cursor, limit).Select(ResponseColumns).ToListAsync(cancellationToken);
        return PageCursor.ToPage(rows, limit, v => new PageCursor(v.CreatedAt, v.Id), await responses.ForPageAsync(rows, cancellationToken));
    }
}

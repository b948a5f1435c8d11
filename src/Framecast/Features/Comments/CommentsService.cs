using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Comments;

public sealed class CommentsService(FramecastDbContext db, VideosService videos, UserDirectory users, TimeProvider clock)
{
    public const int MaxLength = 2000;

    /// <summary>Newest first; null when the video does not exist or is hidden from <paramref name="viewer"/>.</summary>
    public async Task<Page<CommentResponse>?> ListAsync(string videoId, Viewer viewer, CommentWindow window, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        if (await videos.FindVisibleAsync(videoId, viewer, cancellationToken) is null)
        {
            return null;
        }
        var query = db.Comments.AsNoTracking().Where(c => c.VideoId == videoId);
        if (window.From is { } from)
        {
            query = query.Where(c => c.CreatedAt > from);
        }
        if (window.To is { } to)
        {
            query = query.Where(c => c.CreatedAt <= to);
        }
        if (cursor is { } p)
        {
            query = query.Where(c => c.CreatedAt <= p.CreatedAt && (c.CreatedAt < p.CreatedAt || string.Compare(c.Id, p.Id) < 0));
        }
        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var authors = await users.GetSummariesAsync(rows.Select(c => c.AuthorId), cancellationToken);
        return PageCursor.ToPage(rows, limit, c => new PageCursor(c.CreatedAt, c.Id),
            c => ToResponse(c, authors.TryGetValue(c.AuthorId, out var a) ? a : new UserSummary(c.AuthorId, "")));
    }

    /// <summary>Adds a comment; null when the video is not visible to the author. Content must be validated.</summary>
    public async Task<CommentResponse?> AddAsync(string videoId, Viewer author, string content, CancellationToken cancellationToken)
    {
        if (author.UserId is null || await videos.FindVisibleAsync(videoId, author, cancellationToken) is null)
        {
            return null;
        }
        var comment = new Comment
        {
            Id = Ids.New(),
            VideoId = videoId,
            AuthorId = author.UserId,
            Content = content,
            CreatedAt = clock.UtcNowMicros(),
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(comment, await users.GetSummaryAsync(author.UserId, cancellationToken));
    }

    /// <summary>The author, the video's owner or an admin may delete.</summary>
    public async Task<AccessOutcome> DeleteAsync(string commentId, Viewer viewer, CancellationToken cancellationToken)
    {
        var comment = Ids.IsValid(commentId) ? await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken) : null;
        var video = comment is null ? null : await videos.FindVisibleAsync(comment.VideoId, viewer, cancellationToken);
        if (comment is null || video is null)
        {
            return AccessOutcome.NotFound;
        }
        if (!MayDelete(viewer, comment.AuthorId, video.OwnerId))
        {
            return AccessOutcome.Forbidden;
        }
        await db.Comments.Where(c => c.Id == commentId).ExecuteDeleteAsync(cancellationToken);
        return AccessOutcome.Done;
    }

    /// <summary>The author, the video's owner or an admin may delete a comment (the pages ask this to show the button).</summary>
    public static bool MayDelete(Viewer viewer, string authorId, string videoOwnerId) => viewer.Owns(authorId) || viewer.OwnsOrAdmin(videoOwnerId);

    public Task<int> DeleteForVideoAsync(string videoId, CancellationToken cancellationToken) =>
        db.Comments.Where(c => c.VideoId == videoId).ExecuteDeleteAsync(cancellationToken);

    public static string? ValidateContent(string? content) =>
        content is null || content.Trim().Length == 0 ? "Write something."
        : content.Length > MaxLength ? $"Use at most {MaxLength} characters."
        : null;

    private static CommentResponse ToResponse(Comment c, UserSummary author) => new(c.Id, c.VideoId, c.Content, author, c.CreatedAt);
}

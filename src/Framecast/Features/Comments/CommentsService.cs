using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Framecast.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Comments;

public sealed class CommentsService(FramecastDbContext db, VideosService videos, UserDirectory users, JobQueue jobs, TimeProvider clock)
{
    public const int MaxLength = 2000;

    /// <summary>Newest first; null when the video does not exist or is hidden from <paramref name="viewer"/>.</summary>
    public async Task<Page<CommentResponse>?> ListAsync(string videoId, Viewer viewer, CommentWindow window, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        if (await videos.FindVisibleAsync(videoId, viewer, cancellationToken) is null)
        {
            return null;
        }
        // A banned account's comments are hidden with the rest of what it made (they come back if the ban is lifted).
        var query = db.Comments.AsNoTracking().Where(c => c.VideoId == videoId && db.Users.Any(u => u.Id == c.AuthorId && u.BannedAt == null));
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
    public async Task<CommentResponse?> AddAsync(string videoId, Viewer author, string content, CancellationToken cancellationToken) =>
        (await AddAsync(videoId, author, content, null, cancellationToken)).Comment;

    /// <summary>
    /// Adds a comment, or a reply to <paramref name="parentId"/> (a comment on the same video), validated content.
    /// A reply to someone else's comment queues <see cref="CommentReplied"/> in the same transaction.
    /// </summary>
    public async Task<(CommentResponse? Comment, AddCommentOutcome Outcome)> AddAsync(string videoId, Viewer author, string content, string? parentId,
        CancellationToken cancellationToken)
    {
        if (author.UserId is null || await videos.FindVisibleAsync(videoId, author, cancellationToken) is null)
        {
            return (null, AddCommentOutcome.VideoNotFound);
        }
        string? parentAuthorId = null;
        if (parentId is not null)
        {
            parentAuthorId = Ids.IsValid(parentId)
                ? await db.Comments.Where(c => c.Id == parentId && c.VideoId == videoId).Select(c => c.AuthorId).FirstOrDefaultAsync(cancellationToken)
                : null;
            if (parentAuthorId is null)
            {
                return (null, AddCommentOutcome.ParentInvalid);
            }
        }
        var comment = new Comment
        {
            Id = Ids.New(),
            VideoId = videoId,
            AuthorId = author.UserId,
            Content = content,
            ParentId = parentId,
            CreatedAt = clock.UtcNowMicros(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Comments.Add(comment);
            if (parentAuthorId is not null && parentAuthorId != author.UserId)
            {
                jobs.Add(db, transaction, CommentReplied.JobType, new CommentReplied(comment.Id));
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return (ToResponse(comment, await users.GetSummaryAsync(author.UserId, cancellationToken)), AddCommentOutcome.Done);
    }

    /// <summary>A comment and the author of the comment it replies to (null when it replies to none, or that one is gone).</summary>
    public async Task<(Comment Comment, string? ParentAuthorId)?> FindWithParentAuthorAsync(string commentId, CancellationToken cancellationToken)
    {
        var comment = Ids.IsValid(commentId) ? await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId, cancellationToken) : null;
        if (comment is null)
        {
            return null;
        }
        var parentAuthor = comment.ParentId is null
            ? null
            : await db.Comments.Where(c => c.Id == comment.ParentId).Select(c => c.AuthorId).FirstOrDefaultAsync(cancellationToken);
        return (comment, parentAuthor);
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

    private static CommentResponse ToResponse(Comment c, UserSummary author) => new(c.Id, c.VideoId, c.Content, author, c.CreatedAt, c.ParentId);
}

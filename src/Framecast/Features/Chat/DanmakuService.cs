using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Chat;

/// <summary>A video's danmaku: posting at a playback offset (through its channel's rules), the pool by time window, deleting.</summary>
public sealed class DanmakuService(FramecastDbContext db, VideosService videos, ChatGate gate, ModerationService moderation, UserDirectory users, ChatRooms rooms,
    IOptions<ChatOptions> options, TimeProvider clock)
{
    public async Task<(DanmakuEvent? Danmaku, ChatRefusal? Refusal)> PostAsync(string videoId, Viewer author, SendDanmakuRequest request, CancellationToken cancellationToken)
    {
        if (author.UserId is null)
        {
            return (null, ChatRefusal.SignInRequired());
        }
        var (text, mode, color, size, errors) = ChatStyle.Validate(request.Text, request.Mode, request.Color, request.Size);
        var video = await videos.FindVisibleAsync(videoId, author, cancellationToken);
        if (video is null)
        {
            return (null, new ChatRefusal(404, "video.not_found", "Video not found"));
        }
        var lengthMs = (long)Math.Ceiling((video.DurationSeconds ?? 0) * 1000);
        if (request.OffsetMs is not { } offset || offset < 0 || (video.Status == VideoStatus.Ready && offset > lengthMs))
        {
            errors["offsetMs"] = [$"Use a moment of the video: 0 to {lengthMs} ms."];
        }
        if (video.Status != VideoStatus.Ready)
        {
            return (null, new ChatRefusal(409, "video.not_ready", "Danmaku can be posted once the video is ready."));
        }
        if (errors.Count > 0)
        {
            return (null, ChatRefusal.Invalid(errors));
        }
        if (await gate.CheckAsync(video.OwnerId, author, text, liveChat: false, cancellationToken) is { } refusal)
        {
            return (null, refusal);
        }
        var danmaku = new Danmaku
        {
            Id = Ids.New(),
            VideoId = video.Id,
            AuthorId = author.UserId,
            OffsetMs = request.OffsetMs!.Value,
            Text = text,
            Mode = mode,
            Color = color,
            Size = size,
            SentAt = clock.UtcNowMicros(),
        };
        db.Add(danmaku);
        await db.SaveChangesAsync(cancellationToken);
        var posted = ToEvent(danmaku, await users.GetSummaryAsync(author.UserId, cancellationToken));
        rooms.Danmaku(posted);
        return (posted, null);
    }

    /// <summary>The pool's danmaku in [from, to), by offset; null when the video is not visible to <paramref name="viewer"/>.</summary>
    public async Task<List<DanmakuEvent>?> WindowAsync(string videoId, Viewer viewer, long? fromMs, long? toMs, CancellationToken cancellationToken)
    {
        if (await videos.FindVisibleAsync(videoId, viewer, cancellationToken) is null)
        {
            return null;
        }
        var pool = db.Set<Danmaku>().AsNoTracking().Where(d => d.VideoId == videoId && db.Users.Any(u => u.Id == d.AuthorId && u.BannedAt == null))
            .OrderByDescending(d => d.SentAt).ThenByDescending(d => d.Id).Take(options.Value.DanmakuPoolSize);
        if (fromMs is { } from)
        {
            pool = pool.Where(d => d.OffsetMs >= from);
        }
        if (toMs is { } to)
        {
            pool = pool.Where(d => d.OffsetMs < to);
        }
        var rows = await pool.OrderBy(d => d.OffsetMs).ThenBy(d => d.Id).ToListAsync(cancellationToken);
        var authors = await users.GetSummariesAsync(rows.Select(d => d.AuthorId), cancellationToken);
        return [.. rows.Select(d => ToEvent(d, authors.TryGetValue(d.AuthorId, out var a) ? a : new UserSummary(d.AuthorId, "")))];
    }

    /// <summary>The author, the video's owner, its channel's moderators and admins may delete; every viewer drops it at once.</summary>
    public async Task<AccessOutcome> DeleteAsync(string danmakuId, Viewer viewer, CancellationToken cancellationToken)
    {
        var danmaku = Ids.IsValid(danmakuId) ? await db.Set<Danmaku>().FirstOrDefaultAsync(d => d.Id == danmakuId, cancellationToken) : null;
        var video = danmaku is null ? null : await videos.FindVisibleAsync(danmaku.VideoId, viewer, cancellationToken);
        if (danmaku is null || video is null)
        {
            return AccessOutcome.NotFound;
        }
        var own = viewer.Owns(danmaku.AuthorId);
        if (!own && !await moderation.MayModerateAsync(video.OwnerId, viewer, cancellationToken))
        {
            return AccessOutcome.Forbidden;
        }
        db.Remove(danmaku);
        if (!own)
        {
            moderation.Log(video.OwnerId, viewer, "danmaku.delete", danmaku.AuthorId, danmaku.Text);
        }
        await db.SaveChangesAsync(cancellationToken);
        rooms.Deleted(new DeletedEvent("danmaku", danmaku.Id, null, danmaku.VideoId));
        return AccessOutcome.Done;
    }

    public static DanmakuEvent ToEvent(Danmaku d, UserSummary author) => new(d.Id, d.VideoId, author, d.OffsetMs, d.Text, d.Mode, d.Color, d.Size, d.SentAt);
}

using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Chat;

/// <summary>A broadcast's chat: sending (through the channel's rules), the recent messages, and deleting.</summary>
public sealed class ChatService(FramecastDbContext db, ChatGate gate, ModerationService moderation, UserDirectory users, ChatRooms rooms, TimeProvider clock,
    Infrastructure.Telemetry.FramecastMetrics metrics)
{
    public const int DefaultLimit = 50;

    public Task<LiveSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        Ids.IsValid(sessionId) ? db.Set<LiveSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken) : Task.FromResult<LiveSession?>(null);

    public async Task<(MessageEvent? Message, ChatRefusal? Refusal)> SendAsync(string sessionId, Viewer author, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (author.UserId is null)
        {
            return (null, ChatRefusal.SignInRequired());
        }
        var (text, mode, color, _, errors) = ChatStyle.Validate(request.Text, request.Mode, request.Color, null);
        if (errors.Count > 0)
        {
            return (null, ChatRefusal.Invalid(errors));
        }
        var session = await FindSessionAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return (null, new ChatRefusal(404, "live.not_found", "No such broadcast."));
        }
        if (session.Status == LiveSessionStatus.Ended)
        {
            return (null, new ChatRefusal(409, "chat.closed", "The broadcast has ended; its chat is closed."));
        }
        if (await gate.CheckAsync(session.UserId, author, text, liveChat: true, cancellationToken) is { } refusal)
        {
            return (null, refusal);
        }
        var message = new ChatMessage
        {
            Id = Ids.New(),
            SessionId = session.Id,
            ChannelId = session.UserId,
            AuthorId = author.UserId,
            Text = text,
            Mode = mode,
            Color = color,
            SentAt = clock.UtcNowMicros(),
        };
        db.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        var sent = ToEvent(message, session, await users.GetSummaryAsync(author.UserId, cancellationToken));
        rooms.Message(sent);
        metrics.ChatMessageSent();
        return (sent, null);
    }

    /// <summary>The latest <paramref name="limit"/> messages before <paramref name="before"/> (all when null), oldest first.</summary>
    public async Task<Page<MessageEvent>> RecentAsync(LiveSession session, PageCursor? before, int limit, CancellationToken cancellationToken)
    {
        // A banned account's messages are hidden with the rest of what it made (they return if the ban is lifted).
        var query = db.Set<ChatMessage>().AsNoTracking().Where(m => m.SessionId == session.Id && db.Users.Any(u => u.Id == m.AuthorId && u.BannedAt == null));
        if (before is { } p)
        {
            query = query.Where(m => m.SentAt <= p.CreatedAt && (m.SentAt < p.CreatedAt || string.Compare(m.Id, p.Id) < 0));
        }
        var rows = await query.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var more = rows.Count > limit;
        rows = [.. rows.Take(limit)];
        var authors = await users.GetSummariesAsync(rows.Select(m => m.AuthorId), cancellationToken);
        var items = rows.AsEnumerable().Reverse().Select(m => ToEvent(m, session, authors.TryGetValue(m.AuthorId, out var a) ? a : new UserSummary(m.AuthorId, ""))).ToList();
        return new Page<MessageEvent>(items, more ? new PageCursor(rows[^1].SentAt, rows[^1].Id).Encode() : null);
    }

    /// <summary>The author, the channel's owner and moderators, and admins may delete; every viewer drops it at once.</summary>
    public async Task<AccessOutcome> DeleteAsync(string messageId, Viewer viewer, CancellationToken cancellationToken)
    {
        var message = Ids.IsValid(messageId) ? await db.Set<ChatMessage>().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken) : null;
        if (message is null)
        {
            return AccessOutcome.NotFound;
        }
        var own = viewer.Owns(message.AuthorId);
        if (!own && !await moderation.MayModerateAsync(message.ChannelId, viewer, cancellationToken))
        {
            return AccessOutcome.Forbidden;
        }
        db.Remove(message);
        if (!own)
        {
            moderation.Log(message.ChannelId, viewer, "message.delete", message.AuthorId, message.Text);
        }
        await db.SaveChangesAsync(cancellationToken);
        rooms.Deleted(new DeletedEvent("message", message.Id, message.SessionId, null));
        return AccessOutcome.Done;
    }

    public static MessageEvent ToEvent(ChatMessage m, LiveSession session, UserSummary author) =>
        new(m.Id, m.SessionId, author, m.Text, m.Mode, m.Color, m.SentAt, (long)Math.Max(0, (m.SentAt - session.StartedAt).TotalMilliseconds));
}

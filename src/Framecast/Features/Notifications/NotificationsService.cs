using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Notifications;

/// <summary>An account's own notifications: every query is by its owner, so nobody reads or marks another's.</summary>
public sealed class NotificationsService(FramecastDbContext db, TimeProvider clock)
{
    public async Task<NotificationPage> ListAsync(string userId, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId);
        if (cursor is { } c)
        {
            query = query.Where(n => n.CreatedAt <= c.CreatedAt && (n.CreatedAt < c.CreatedAt || string.Compare(n.Id, c.Id) < 0));
        }
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = PageCursor.ToPage(rows, limit, n => new PageCursor(n.CreatedAt, n.Id), NotificationResponse.From);
        return new NotificationPage(page.Items, page.NextCursor, await UnreadAsync(userId, cancellationToken));
    }

    public Task<int> UnreadAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    /// <summary>Marks <paramref name="ids"/> read (those that are the owner's; others are ignored), or all when null; returns what stays unread.</summary>
    public async Task<int> MarkReadAsync(string userId, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var query = db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null);
        if (ids is not null)
        {
            query = query.Where(n => ids.Contains(n.Id));
        }
        await query.ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        return await UnreadAsync(userId, cancellationToken);
    }
}

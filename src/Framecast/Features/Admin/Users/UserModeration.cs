using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Admin.Users;

public enum UserModerationOutcome
{
    Done,
    NotFound,
    Self,
}

/// <summary>
/// Bans, admin rights and sessions. A ban ends the account's sessions and holds its videos back in the same
/// transaction, then cuts its broadcast and replaces its stream key (another node's publisher included).
/// </summary>
public sealed class UserModeration(FramecastDbContext db, LiveChannelService channels, VideoCaches caches, TimeProvider clock)
{
    public async Task<Page<AdminUserResponse>> ListAsync(string? q, bool? banned, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(u => u.Username.Contains(text));
        }
        if (banned is { } b)
        {
            query = b ? query.Where(u => u.BannedAt != null) : query.Where(u => u.BannedAt == null);
        }
        if (cursor is { } c)
        {
            query = query.Where(u => u.CreatedAt <= c.CreatedAt && (u.CreatedAt < c.CreatedAt || string.Compare(u.Id, c.Id) < 0));
        }
        var rows = await query.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id).Take(limit + 1)
            .Select(u => new { User = u, Videos = db.Videos.Count(v => v.OwnerId == u.Id && v.Status != VideoStatus.Deleting) })
            .ToListAsync(cancellationToken);
        return PageCursor.ToPage(rows, limit, r => new PageCursor(r.User.CreatedAt, r.User.Id), r => Describe(r.User, r.Videos));
    }

    public async Task<AdminUserResponse?> FindAsync(string username, CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(username, tracked: false, cancellationToken);
        return user is null ? null : Describe(user, await db.Videos.CountAsync(v => v.OwnerId == user.Id && v.Status != VideoStatus.Deleting, cancellationToken));
    }

    public async Task<UserModerationOutcome> BanAsync(string username, string actorId, string reason, CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(username, tracked: true, cancellationToken);
        if (user is null)
        {
            return UserModerationOutcome.NotFound;
        }
        if (user.Id == actorId)
        {
            return UserModerationOutcome.Self;
        }
        user.BannedAt ??= clock.UtcNowMicros();
        user.BanReason = reason;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.Sessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE videos SET moderation_hold = moderation_hold | {ModerationHolds.OwnerBanned} WHERE owner_id = {user.Id}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // Cuts the broadcast wherever it runs; the banned account's keys are refused from now on anyway.
        await channels.RotateKeyAsync(user.Id, cancellationToken);
        await caches.InvalidateAllAsync(cancellationToken);
        return UserModerationOutcome.Done;
    }

    public async Task<UserModerationOutcome> UnbanAsync(string username, CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(username, tracked: true, cancellationToken);
        if (user is null)
        {
            return UserModerationOutcome.NotFound;
        }
        user.BannedAt = null;
        user.BanReason = null;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE videos SET moderation_hold = moderation_hold & {~ModerationHolds.OwnerBanned} WHERE owner_id = {user.Id}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await caches.InvalidateAllAsync(cancellationToken);
        return UserModerationOutcome.Done;
    }

    public async Task<UserModerationOutcome> SetAdminAsync(string username, string actorId, bool isAdmin, CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(username, tracked: true, cancellationToken);
        if (user is null)
        {
            return UserModerationOutcome.NotFound;
        }
        if (user.Id == actorId && !isAdmin)
        {
            return UserModerationOutcome.Self;
        }
        user.IsAdmin = isAdmin;
        await db.SaveChangesAsync(cancellationToken);
        return UserModerationOutcome.Done;
    }

    public async Task<UserModerationOutcome> EndSessionsAsync(string username, CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(username, tracked: false, cancellationToken);
        if (user is null)
        {
            return UserModerationOutcome.NotFound;
        }
        await db.Sessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        return UserModerationOutcome.Done;
    }

    private async Task<User?> FindUserAsync(string username, bool tracked, CancellationToken cancellationToken)
    {
        var normalized = UsernameRules.Normalize(username);
        if (normalized is null)
        {
            return null;
        }
        var users = tracked ? db.Users : db.Users.AsNoTracking();
        return await users.FirstOrDefaultAsync(u => u.Username == normalized, cancellationToken);
    }

    private static AdminUserResponse Describe(User u, int videos) =>
        new(u.Id, u.Username, u.IsAdmin, u.BannedAt is { } at ? new AdminHold(u.BanReason ?? "", at) : null, u.CreatedAt, videos);
}

using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Social;

/// <summary>
/// Who follows which channel. The follow row and the channel's counter change in one transaction, and the counter moves
/// only when a row was really added or removed, so concurrent follows and unfollows leave it exact.
/// </summary>
public sealed class FollowsService(FramecastDbContext db, UserDirectory users, LiveChannelService live, DbConnectionFactory connections, TimeProvider clock)
{
    public async Task<(FollowOutcome Outcome, SubscriptionResponse? State)> SetAsync(string username, Viewer viewer, bool follow, CancellationToken cancellationToken)
    {
        var userId = viewer.UserId ?? throw new InvalidOperationException("Only a signed-in account follows.");
        var channelId = await users.FindIdAsync(username, cancellationToken);
        if (channelId is null)
        {
            return (FollowOutcome.ChannelNotFound, null);
        }
        if (channelId == userId)
        {
            return (FollowOutcome.Self, null);
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var changed = follow
                ? await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO follows (follower_id, channel_id, created_at) VALUES ({userId}, {channelId}, {connections.Time(clock.UtcNowMicros())}) ON CONFLICT DO NOTHING",
                    cancellationToken)
                : await db.Set<Follow>().Where(f => f.FollowerId == userId && f.ChannelId == channelId).ExecuteDeleteAsync(cancellationToken);
            if (changed == 1)
            {
                await users.AddFollowersAsync(channelId, follow ? 1 : -1, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return (FollowOutcome.Done, new SubscriptionResponse(follow, await FollowerCountAsync(channelId, cancellationToken)));
    }

    /// <summary>Whether the caller follows the channel (false when anonymous), and its count; null when there is no such channel.</summary>
    public async Task<SubscriptionResponse?> GetAsync(string username, Viewer viewer, CancellationToken cancellationToken)
    {
        var channelId = await users.FindIdAsync(username, cancellationToken);
        if (channelId is null)
        {
            return null;
        }
        var following = viewer.UserId is { } userId && await IsFollowingAsync(userId, channelId, cancellationToken);
        return new SubscriptionResponse(following, await FollowerCountAsync(channelId, cancellationToken));
    }

    public Task<bool> IsFollowingAsync(string followerId, string channelId, CancellationToken cancellationToken) =>
        db.Set<Follow>().AnyAsync(f => f.FollowerId == followerId && f.ChannelId == channelId, cancellationToken);

    /// <summary>The channels <paramref name="followerId"/> follows, as a query other features' lists can take as a subquery.</summary>
    public IQueryable<string> FollowedChannelIds(string followerId) =>
        db.Set<Follow>().Where(f => f.FollowerId == followerId).Select(f => f.ChannelId);

    /// <summary>One batch of a channel's followers, in id order after <paramref name="afterId"/> (for fan-outs that page through them).</summary>
    public Task<List<string>> FollowerIdsAsync(string channelId, string? afterId, int count, CancellationToken cancellationToken)
    {
        var query = db.Set<Follow>().AsNoTracking().Where(f => f.ChannelId == channelId);
        if (afterId is not null)
        {
            query = query.Where(f => string.Compare(f.FollowerId, afterId) > 0);
        }
        return query.OrderBy(f => f.FollowerId).Select(f => f.FollowerId).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>The channels the caller follows, the latest followed first.</summary>
    public async Task<Page<SubscriptionItem>> ListAsync(string followerId, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<Follow>().AsNoTracking().Where(f => f.FollowerId == followerId);
        if (cursor is { } c)
        {
            query = query.Where(f => f.CreatedAt <= c.CreatedAt && (f.CreatedAt < c.CreatedAt || string.Compare(f.ChannelId, c.Id) < 0));
        }
        var rows = await query.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.ChannelId).Take(limit + 1).ToListAsync(cancellationToken);
        var channelIds = rows.Select(f => f.ChannelId).ToList();
        var names = await users.GetSummariesAsync(channelIds, cancellationToken);
        var counts = await users.FollowerCountsAsync(channelIds, cancellationToken);
        var liveNow = await live.LiveAmongAsync(names.Values.Select(n => n.Username), cancellationToken);
        return PageCursor.ToPage(rows, limit, f => new PageCursor(f.CreatedAt, f.ChannelId), f =>
        {
            var username = names.TryGetValue(f.ChannelId, out var summary) ? summary.Username : "";
            return new SubscriptionItem(username, counts.GetValueOrDefault(f.ChannelId), liveNow.Contains(username), f.CreatedAt);
        });
    }

    private async Task<long> FollowerCountAsync(string channelId, CancellationToken cancellationToken) =>
        (await users.FollowerCountsAsync([channelId], cancellationToken)).GetValueOrDefault(channelId);
}

using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Framecast.Features.Accounts;

/// <summary>
/// Id → public summary lookups for other features (video owners, comment authors). Usernames never change, so
/// summaries are cached: list pages cost one query, not one per row.
/// </summary>
public sealed class UserDirectory(FramecastDbContext db, IMemoryCache cache)
{
    public async Task<IReadOnlyDictionary<string, UserSummary>> GetSummariesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, UserSummary>();
        var missing = new List<string>();
        foreach (var id in userIds.Distinct())
        {
            if (cache.TryGetValue(CacheKey(id), out UserSummary? summary) && summary is not null)
            {
                result[id] = summary;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            var found = await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id))
                .Select(u => new UserSummary(u.Id, u.Username)).ToListAsync(cancellationToken);
            foreach (var summary in found)
            {
                cache.Set(CacheKey(summary.Id), summary, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
                result[summary.Id] = summary;
            }
        }
        return result;
    }

    public async Task<UserSummary> GetSummaryAsync(string userId, CancellationToken cancellationToken) =>
        (await GetSummariesAsync([userId], cancellationToken)).TryGetValue(userId, out var summary)
            ? summary
            : new UserSummary(userId, "");

    /// <summary>The id of the account with this (case-insensitive) username, or null.</summary>
    public async Task<string?> FindIdAsync(string username, CancellationToken cancellationToken)
    {
        var normalized = UsernameRules.Normalize(username);
        return normalized is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Username == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The id of the channel with this username as others see it: a banned account has none (null).</summary>
    public async Task<string?> FindChannelIdAsync(string username, CancellationToken cancellationToken)
    {
        var normalized = UsernameRules.Normalize(username);
        return normalized is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Username == normalized && u.BannedAt == null).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Moves the account's follower counter by <paramref name="delta"/>, inside the caller's open transaction (with the follow row).</summary>
    public Task<int> AddFollowersAsync(string userId, int delta, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.FollowerCount, x => x.FollowerCount + delta), cancellationToken);

    /// <summary>Follower counts of <paramref name="userIds"/> (never cached: they move with every follow).</summary>
    public async Task<IReadOnlyDictionary<string, long>> FollowerCountsAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<string, long>()
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.FollowerCount })
                .ToDictionaryAsync(u => u.Id, u => u.FollowerCount, cancellationToken);
    }

    private static string CacheKey(string id) => $"user-summary:{id}";
}

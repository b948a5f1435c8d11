using Framecast.Features.Accounts;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Gifts;

/// <summary>What was sent to a broadcast or a video: the recent gifts (for a viewer who joins late) and the top gifters.</summary>
public sealed class GiftHistory(FramecastDbContext db, UserDirectory users)
{
    public const int LeaderboardSize = 10;

    public async Task<Page<GiftEvent>> RecentAsync(string? sessionId, string? videoId, PageCursor? before, int limit, CancellationToken cancellationToken)
    {
        var query = Sends(sessionId, videoId);
        if (before is { } c)
        {
            query = query.Where(s => s.CreatedAt < c.CreatedAt || (s.CreatedAt == c.CreatedAt && string.Compare(s.Id, c.Id) < 0));
        }
        var rows = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var giftIds = rows.Select(r => r.GiftId).Distinct().ToList();
        var gifts = await db.Set<Gift>().AsNoTracking().Where(g => giftIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
        var names = await users.GetSummariesAsync(rows.Select(r => r.SenderId), cancellationToken);
        return PageCursor.ToPage(rows, limit, r => new PageCursor(r.CreatedAt, r.Id), r => new GiftEvent(r.Id, r.SessionId, r.VideoId,
            new UserRef(names[r.SenderId].Username),
            new GiftRef(r.GiftId, r.GiftName, gifts.GetValueOrDefault(r.GiftId)?.ImageUrl, r.Count == 0 ? 0 : r.TotalCoins / r.Count),
            r.Count, r.TotalCoins, r.CreatedAt));
    }

    public async Task<LeaderboardResponse> LeaderboardAsync(string? sessionId, string? videoId, CancellationToken cancellationToken)
    {
        var top = await Sends(sessionId, videoId)
            .GroupBy(s => s.SenderId)
            .Select(g => new { SenderId = g.Key, Coins = g.Sum(s => s.TotalCoins), Gifts = g.Sum(s => s.Count) })
            .OrderByDescending(g => g.Coins).ThenBy(g => g.SenderId)
            .Take(LeaderboardSize)
            .ToListAsync(cancellationToken);
        var names = await users.GetSummariesAsync(top.Select(t => t.SenderId), cancellationToken);
        return new LeaderboardResponse(top.Select(t => new GifterResponse(new UserRef(names[t.SenderId].Username), t.Coins, t.Gifts)).ToList());
    }

    private IQueryable<GiftSend> Sends(string? sessionId, string? videoId) =>
        sessionId is not null
            ? db.Set<GiftSend>().AsNoTracking().Where(s => s.SessionId == sessionId)
            : db.Set<GiftSend>().AsNoTracking().Where(s => s.VideoId == videoId);
}

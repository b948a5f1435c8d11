using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Discovery;

/// <summary>
/// Watch history: one row per account and video holding where it stopped, upserted by every progress report (so a
/// player reporting every few seconds only ever rewrites one row). Lists show only what the account may still see.
/// </summary>
public sealed class HistoryService(FramecastDbContext db, VideosService videos, DatabaseProvider provider, TimeProvider clock)
{
    public enum ProgressOutcome { Stored, Paused, NotFound }

    /// <summary>Continue watching: started but not nearly finished.</summary>
    public const double ContinueFrom = 0.05, ContinueUntil = 0.95;

    public async Task<ProgressOutcome> RecordAsync(string videoId, Viewer viewer, double positionSeconds, CancellationToken cancellationToken)
    {
        var video = await videos.FindVisibleAsync(videoId, viewer, cancellationToken);
        if (video is null)
        {
            return ProgressOutcome.NotFound;
        }
        if (await IsPausedAsync(viewer.UserId!, cancellationToken))
        {
            return ProgressOutcome.Paused;
        }
        var position = Math.Max(0, positionSeconds);
        if (video.DurationSeconds is > 0 and var duration)
        {
            position = Math.Min(position, duration);
        }
        var now = Time(clock.UtcNowMicros());
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO watch_history (user_id, video_id, position_seconds, created_at, updated_at)
            VALUES ({viewer.UserId}, {video.Id}, {position}, {now}, {now})
            ON CONFLICT (user_id, video_id) DO UPDATE SET position_seconds = excluded.position_seconds, updated_at = excluded.updated_at
            """, cancellationToken);
        return ProgressOutcome.Stored;
    }

    /// <summary>Newest first; a page may hold fewer than <paramref name="limit"/> items when videos became invisible.</summary>
    public async Task<Page<HistoryItem>> ListAsync(Viewer viewer, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<WatchEntry>().AsNoTracking().Where(e => e.UserId == viewer.UserId);
        if (cursor is { } c)
        {
            query = query.Where(e => e.UpdatedAt <= c.CreatedAt && (e.UpdatedAt < c.CreatedAt || string.Compare(e.VideoId, c.Id) < 0));
        }
        var rows = await query.OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.VideoId).Take(limit + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > limit;
        var entries = hasMore ? rows.GetRange(0, limit) : rows;
        return new Page<HistoryItem>(
            await ToItemsAsync(entries, viewer, cancellationToken),
            hasMore ? new PageCursor(entries[^1].UpdatedAt, entries[^1].VideoId).Encode() : null);
    }

    /// <summary>The latest videos the account started and did not nearly finish (5–95 %), for the home page.</summary>
    public async Task<IReadOnlyList<HistoryItem>> ContinueWatchingAsync(Viewer viewer, int count, CancellationToken cancellationToken)
    {
        var recent = await db.Set<WatchEntry>().AsNoTracking().Where(e => e.UserId == viewer.UserId)
            .OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.VideoId).Take(50).ToListAsync(cancellationToken);
        var items = await ToItemsAsync(recent, viewer, cancellationToken);
        return items.Where(i => i.Progress is >= ContinueFrom and <= ContinueUntil).Take(count).ToList();
    }

    /// <summary>Where the account stopped in the video, if it has watched it.</summary>
    public async Task<double?> PositionAsync(string userId, string videoId, CancellationToken cancellationToken) =>
        await db.Set<WatchEntry>().Where(e => e.UserId == userId && e.VideoId == videoId)
            .Select(e => (double?)e.PositionSeconds).FirstOrDefaultAsync(cancellationToken);

    public Task<int> RemoveAsync(string userId, string videoId, CancellationToken cancellationToken) =>
        db.Set<WatchEntry>().Where(e => e.UserId == userId && e.VideoId == videoId).ExecuteDeleteAsync(cancellationToken);

    public Task<int> ClearAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<WatchEntry>().Where(e => e.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    public Task<bool> IsPausedAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<HistorySettings>().AnyAsync(s => s.UserId == userId && s.Paused, cancellationToken);

    public async Task SetPausedAsync(string userId, bool paused, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO history_settings (user_id, paused) VALUES ({userId}, {paused})
            ON CONFLICT (user_id) DO UPDATE SET paused = excluded.paused
            """, cancellationToken);
    }

    private async Task<IReadOnlyList<HistoryItem>> ToItemsAsync(List<WatchEntry> entries, Viewer viewer, CancellationToken cancellationToken)
    {
        var found = await videos.FindManyAsync(entries.Select(e => e.VideoId).ToList(), cancellationToken);
        var visible = entries.Where(e => found.TryGetValue(e.VideoId, out var v) && VideosService.CanView(v, viewer)).ToList();
        var response = await videos.ResponsesForAsync(visible.Select(e => found[e.VideoId]), cancellationToken);
        return visible.Select(e =>
        {
            var video = found[e.VideoId];
            var progress = video.DurationSeconds is > 0 and var d ? Math.Clamp(e.PositionSeconds / d, 0, 1) : 0;
            return new HistoryItem(response(video), e.PositionSeconds, e.UpdatedAt, progress);
        }).ToList();
    }

    private object Time(DateTime value) => provider.IsPostgres ? value : UtcMicrosecondsConverter.ToMicros(value);
}

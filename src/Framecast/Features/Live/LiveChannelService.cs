using Framecast.Features.Accounts;
using Framecast.Features.Live.Broadcasts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Framecast.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Live;

/// <summary>A channel's live settings and stream key, and its broadcasts as rows (for nodes that do not hold them).</summary>
public sealed class LiveChannelService(FramecastDbContext db, LiveCutter cutter, LiveBroadcasts broadcasts, IBlobStore blobs, TimeProvider clock)
{
    /// <summary>The channel's settings, made (with a fresh key) the first time the owner asks.</summary>
    public async Task<LiveChannel> GetOrCreateAsync(string userId, CancellationToken cancellationToken)
    {
        if (await db.Set<LiveChannel>().FirstOrDefaultAsync(c => c.UserId == userId, cancellationToken) is { } existing)
        {
            return existing;
        }
        var channel = new LiveChannel { UserId = userId, StreamKey = StreamKeys.New(), UpdatedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(channel);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return channel;
        }
        catch (DbUpdateException)
        {
            // Two first requests at once: the other one made it.
            db.ChangeTracker.Clear();
            return await db.Set<LiveChannel>().FirstAsync(c => c.UserId == userId, cancellationToken);
        }
    }

    public async Task<(LiveChannel? Channel, Dictionary<string, string[]> Errors)> UpdateAsync(string userId, LiveSettingsRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Title is not null && request.Title.Trim().Length > VideoRules.MaxTitleLength)
        {
            errors["title"] = [$"Use at most {VideoRules.MaxTitleLength} characters."];
        }
        VideoRules.Validate(new UpdateVideoRequest(null, request.Description, request.Tags, null), errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var channel = await GetOrCreateAsync(userId, cancellationToken);
        channel.Title = request.Title?.Trim() ?? channel.Title;
        channel.Description = request.Description ?? channel.Description;
        channel.Tags = request.Tags is null ? channel.Tags : VideoRules.NormalizeTags(request.Tags);
        channel.Record = request.Record ?? channel.Record;
        channel.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        // The broadcast going on now takes the change too (its title on the lists, and whether it is kept).
        await db.Set<LiveSession>().Where(s => s.UserId == userId && s.Status != LiveSessionStatus.Ended)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Title, channel.Title).SetProperty(s => s.Description, channel.Description)
                .SetProperty(s => s.Tags, channel.Tags).SetProperty(s => s.Record, channel.Record), cancellationToken);
        return (channel, errors);
    }

    /// <summary>A new key; the old one stops working at once and a broadcast made with it is cut, on whichever node holds it.</summary>
    public async Task<LiveChannel> RotateKeyAsync(string userId, CancellationToken cancellationToken)
    {
        var channel = await GetOrCreateAsync(userId, cancellationToken);
        channel.StreamKey = StreamKeys.New();
        channel.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await cutter.CutAsync(userId, cancellationToken);
        return channel;
    }

    /// <summary>The channel's broadcast that has not ended, if any.</summary>
    public Task<LiveSession?> CurrentSessionAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<LiveSession>().AsNoTracking().Where(s => s.UserId == userId && s.Status != LiveSessionStatus.Ended)
            .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Broadcasts going on now, most viewers first, one page from <paramref name="offset"/> (viewer counts move, so pages
    /// are by position) with one row more than asked when there is a next page.
    /// </summary>
    public async Task<List<(LiveSession Session, string Username, long Followers)>> ListLiveAsync(int offset, int limitPlusOne, CancellationToken cancellationToken)
    {
        var rows = await db.Set<LiveSession>().AsNoTracking().Where(s => s.Status != LiveSessionStatus.Ended)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Session = s, u.Username, u.FollowerCount })
            .OrderByDescending(r => r.Session.Viewers).ThenByDescending(r => r.Session.StartedAt).ThenBy(r => r.Session.Id)
            .Skip(offset).Take(limitPlusOne).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Session, r.Username, r.FollowerCount))];
    }

    /// <summary>Which of <paramref name="usernames"/> are live now (for the LIVE badge next to channel links).</summary>
    public async Task<IReadOnlySet<string>> LiveAmongAsync(IEnumerable<string> usernames, CancellationToken cancellationToken)
    {
        var names = usernames.Select(u => u.ToLowerInvariant()).Distinct().ToList();
        if (names.Count == 0)
        {
            return new HashSet<string>();
        }
        var live = await db.Set<LiveSession>().AsNoTracking().Where(s => s.Status != LiveSessionStatus.Ended)
            .Join(db.Users.Where(u => names.Contains(u.Username)), s => s.UserId, u => u.Id, (_, u) => u.Username)
            .ToListAsync(cancellationToken);
        return live.ToHashSet();
    }

    /// <summary>The first <paramref name="count"/> broadcasts going on now, as cards (for the pages).</summary>
    public async Task<IReadOnlyList<LiveCard>> LiveCardsAsync(int count, CancellationToken cancellationToken)
    {
        var cards = new List<LiveCard>();
        foreach (var (session, username, _) in await ListLiveAsync(0, count, cancellationToken))
        {
            var status = broadcasts.StatusOf(session);
            if (status == LiveSessionStatus.Ended)
            {
                continue;
            }
            cards.Add(new LiveCard(session.Id, username, string.IsNullOrWhiteSpace(session.Title) ? $"{username} is live" : session.Title, session.Viewers,
                session.StartedAt, await LiveThumbnails.UrlAsync(blobs, session, username, cancellationToken), status == LiveSessionStatus.Reconnecting));
        }
        return cards;
    }

    /// <summary>A channel's last broadcasts that ended, newest first, with the video each became (when it did).</summary>
    public Task<List<LiveSession>> PastSessionsAsync(string userId, int count, CancellationToken cancellationToken, int offset = 0) =>
        db.Set<LiveSession>().AsNoTracking().Where(s => s.UserId == userId && s.Status == LiveSessionStatus.Ended)
            .OrderByDescending(s => s.StartedAt).ThenBy(s => s.Id).Skip(offset).Take(count).ToListAsync(cancellationToken);

    public Task<LiveSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        Ids.IsValid(sessionId)
            ? db.Set<LiveSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            : Task.FromResult<LiveSession?>(null);

    /// <summary>
    /// Broadcasts of <paramref name="userIds"/> (going on or ended), newest first, strictly before <paramref name="before"/>:
    /// at most <paramref name="count"/>. The channels come as a query so a caller's subquery stays in the database.
    /// </summary>
    public Task<List<LiveSession>> ListSessionsAsync(IQueryable<string> userIds, PageCursor? before, int count, CancellationToken cancellationToken)
    {
        var query = db.Set<LiveSession>().AsNoTracking().Where(s => userIds.Contains(s.UserId));
        if (before is { } c)
        {
            query = query.Where(s => s.StartedAt <= c.CreatedAt && (s.StartedAt < c.CreatedAt || string.Compare(s.Id, c.Id) < 0));
        }
        return query.OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>A session as API.md describes it (its picture while it is on), as the channel's live endpoint answers.</summary>
    public async Task<LiveSessionResponse> DescribeAsync(LiveSession session, LiveChannelRef channel, CancellationToken cancellationToken) =>
        LiveSessionResponse.From(session, channel, broadcasts.FindByUser(session.UserId), withHealth: false,
            await LiveThumbnails.UrlAsync(blobs, session, channel.Username, cancellationToken));

    public async Task<(User? User, LiveSession? Session)> CurrentSessionByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        var lower = username.ToLowerInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == lower, cancellationToken);
        return user is null ? (null, null) : (user, await CurrentSessionAsync(user.Id, cancellationToken));
    }
}

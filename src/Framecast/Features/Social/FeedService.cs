using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;

namespace Framecast.Features.Social;

/// <summary>
/// What the channels someone follows did, newest first: their published videos (ready and public, at when they were
/// published) and their broadcasts (on or ended, at when they started). Each source is read by its own feature with
/// the follows as a subquery, one page plus one from each, and the two are merged on (at, id).
/// </summary>
public sealed class FeedService(FollowsService follows, VideosService videos, LiveChannelService live, UserDirectory users)
{
    public async Task<Page<FeedItem>> ListAsync(string userId, PageCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var followed = follows.FollowedChannelIds(userId);
        var published = await videos.ListPublishedAsync(followed, cursor, limit + 1, cancellationToken);
        var sessions = await live.ListSessionsAsync(followed, cursor, limit + 1, cancellationToken);
        var merged = published.Select(v => (At: v.PublishedAt!.Value, v.Id, Video: (Video?)v, Session: (LiveSession?)null))
            .Concat(sessions.Select(s => (At: s.StartedAt, s.Id, Video: (Video?)null, Session: (LiveSession?)s)))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .Take(limit + 1).ToList();
        var hasMore = merged.Count > limit;
        var entries = hasMore ? merged.GetRange(0, limit) : merged;

        var videoResponse = await videos.ResponsesForAsync(entries.Where(e => e.Video is not null).Select(e => e.Video!), cancellationToken);
        var channelIds = entries.Where(e => e.Session is not null).Select(e => e.Session!.UserId).Distinct().ToList();
        var names = await users.GetSummariesAsync(channelIds, cancellationToken);
        var counts = await users.FollowerCountsAsync(channelIds, cancellationToken);
        var items = new List<FeedItem>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Video is { } video)
            {
                items.Add(new FeedItem("video", entry.At, videoResponse(video), null));
                continue;
            }
            var session = entry.Session!;
            var channel = new LiveChannelRef(names.TryGetValue(session.UserId, out var name) ? name.Username : "", counts.GetValueOrDefault(session.UserId));
            items.Add(new FeedItem("live", entry.At, null, await live.DescribeAsync(session, channel, cancellationToken)));
        }
        return new Page<FeedItem>(items, hasMore ? new PageCursor(entries[^1].At, entries[^1].Id).Encode() : null);
    }
}

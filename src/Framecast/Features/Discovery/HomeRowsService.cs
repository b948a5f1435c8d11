using Framecast.Features.Accounts;
using Framecast.Features.Social;

namespace Framecast.Features.Discovery;

/// <summary>Builds <see cref="HomeRows"/>; the followed row is the videos of Social's feed.</summary>
public sealed class HomeRowsService(TrendingService trending, HistoryService history, FeedService feed)
{
    public async Task<HomeRows> ForAsync(Viewer viewer, int perRow, CancellationToken cancellationToken)
    {
        var top = await trending.ListAsync(null, perRow, cancellationToken);
        if (!viewer.IsAuthenticated)
        {
            return new HomeRows(top, [], []);
        }
        var followed = await feed.ListAsync(viewer.UserId!, null, perRow * 2, cancellationToken);
        var continueWatching = await history.ContinueWatchingAsync(viewer, perRow, cancellationToken);
        return new HomeRows(top, followed.Items.Where(i => i.Video is not null).Select(i => i.Video!).Take(perRow).ToList(), continueWatching);
    }
}

using Framecast.Features.Accounts;
using Framecast.Features.Discovery;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class IndexModel(VideosService videos, LiveChannelService live, HomeRowsService homeRows) : PageModel
{
    /// <summary>The home page's "Live now" row (first page only).</summary>
    public IReadOnlyList<LiveCard> Live { get; private set; } = [];

    /// <summary>Channels of the listed videos that are live now.</summary>
    public IReadOnlySet<string> LiveChannels { get; private set; } = new HashSet<string>();

    public IReadOnlyList<VideoResponse> Videos { get; private set; } = [];

    /// <summary>Trending, From channels you follow, Continue watching (first page only; empty rows are left out).</summary>
    public HomeRows Rows { get; private set; } = new([], [], []);

    public bool HasRows => Live.Count > 0 || Rows.Trending.Count > 0 || Rows.FromFollowed.Count > 0 || Rows.ContinueWatching.Count > 0;

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? cursor, CancellationToken cancellationToken)
    {
        // A bad or stale cursor just shows the first page.
        PageCursor.TryDecode(cursor, out var position);
        var page = await videos.ListPublicAsync(null, position, 24, null, cancellationToken);
        (Videos, NextCursor) = (page.Items, page.NextCursor);
        if (position is null)
        {
            Live = await live.LiveCardsAsync(8, cancellationToken);
            Rows = await homeRows.ForAsync(Viewer.From(User), 8, cancellationToken);
        }
        var shown = Videos.Concat(Rows.Trending).Concat(Rows.FromFollowed).Concat(Rows.ContinueWatching.Select(i => i.Video));
        LiveChannels = await live.LiveAmongAsync(shown.Select(v => v.Owner.Username).Distinct(), cancellationToken);
    }
}

using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class IndexModel(VideosService videos, LiveChannelService live) : PageModel
{
    /// <summary>The home page's "Live now" row (first page only).</summary>
    public IReadOnlyList<LiveCard> Live { get; private set; } = [];

    /// <summary>Channels of the listed videos that are live now.</summary>
    public IReadOnlySet<string> LiveChannels { get; private set; } = new HashSet<string>();

    public IReadOnlyList<VideoResponse> Videos { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? cursor, CancellationToken cancellationToken)
    {
        // A bad or stale cursor just shows the first page.
        PageCursor.TryDecode(cursor, out var position);
        var page = await videos.ListPublicAsync(null, position, 24, cancellationToken);
        (Videos, NextCursor) = (page.Items, page.NextCursor);
        LiveChannels = await live.LiveAmongAsync(Videos.Select(v => v.Owner.Username), cancellationToken);
        if (position is null)
        {
            Live = await live.LiveCardsAsync(8, cancellationToken);
        }
    }
}

using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class IndexModel(VideosService videos) : PageModel
{
    public IReadOnlyList<VideoResponse> Videos { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? cursor, CancellationToken cancellationToken)
    {
        // A bad or stale cursor just shows the first page.
        PageCursor.TryDecode(cursor, out var position);
        var page = await videos.ListPublicAsync(null, position, 24, cancellationToken);
        (Videos, NextCursor) = (page.Items, page.NextCursor);
    }
}

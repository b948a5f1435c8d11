using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class SearchModel(VideosService videos) : PageModel
{
    public string? Query { get; private set; }

    public IReadOnlyList<VideoResponse> Videos { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(string? q, string? cursor, CancellationToken cancellationToken)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 200)];
        if (Query is null)
        {
            return;
        }
        PageCursor.TryDecode(cursor, out var position);
        var page = await videos.ListPublicAsync(Query, position, 24, cancellationToken);
        (Videos, NextCursor) = (page.Items, page.NextCursor);
    }
}

using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class ChannelModel(VideosService videos, LiveChannelService live) : PageModel
{
    /// <summary>The channel's broadcast going on now (live, or reconnecting), if any.</summary>
    public LiveSession? Broadcast { get; private set; }

    public string LiveHlsUrl => LiveSessionResponse.HlsUrlOf(Username);

    public string Username { get; private set; } = "";

    public IReadOnlyList<VideoResponse> Videos { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string username, string? cursor, CancellationToken cancellationToken)
    {
        PageCursor.TryDecode(cursor, out var position);
        var page = await videos.ListByOwnerAsync(username, Viewer.From(User), position, 24, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        Username = username.ToLowerInvariant();
        (_, Broadcast) = await live.CurrentSessionByUsernameAsync(Username, cancellationToken);
        (Videos, NextCursor) = (page.Items, page.NextCursor);
        return Page();
    }
}

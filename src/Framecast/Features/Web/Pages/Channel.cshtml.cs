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

    /// <summary>The channel's last broadcasts that ended (with their recordings, once made).</summary>
    public IReadOnlyList<LiveSession> PastBroadcasts { get; private set; } = [];

    /// <summary>A recording not made this long after its broadcast ended will not be (nothing was recorded).</summary>
    public DateTime RecentlyEnded { get; } = DateTime.UtcNow.AddMinutes(-10);

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
        var (owner, broadcast) = await live.CurrentSessionByUsernameAsync(Username, cancellationToken);
        Broadcast = broadcast;
        if (owner is not null && position is null)
        {
            PastBroadcasts = await live.PastSessionsAsync(owner.Id, 10, cancellationToken);
        }
        (Videos, NextCursor) = (page.Items, page.NextCursor);
        return Page();
    }
}

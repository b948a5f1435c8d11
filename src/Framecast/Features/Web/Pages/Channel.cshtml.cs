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

    /// <summary>The past broadcasts' recordings that exist, by id: linked only when this viewer can watch them.</summary>
    public IReadOnlyDictionary<string, Video> Recordings { get; private set; } = new Dictionary<string, Video>();

    /// <summary>A recording not made this long after its broadcast ended will not be (nothing was recorded).</summary>
    public DateTime RecentlyEnded { get; } = DateTime.UtcNow.AddMinutes(-10);

    public string Username { get; private set; } = "";

    public IReadOnlyList<VideoResponse> Videos { get; private set; } = [];

    public string? NextCursor { get; private set; }

    /// <summary>The Follow button (or its sign-in link, or the owner's count alone).</summary>
    public FollowControl Follow => FollowControl.For(User, Username, $"/u/{Username}");

    /// <summary>The "Send a gift" picker for the broadcast going on.</summary>
    public GiftPickerControl GiftPicker => GiftPickerControl.For(User, Username, $"/u/{Username}", sessionId: Broadcast?.Id, videoId: null);

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
            Recordings = await videos.FindManyAsync([.. PastBroadcasts.Select(s => s.RecordingVideoId).OfType<string>()], cancellationToken);
        }
        (Videos, NextCursor) = (page.Items, page.NextCursor);
        return Page();
    }

    /// <summary>Whether this viewer can open <paramref name="recording"/> (a processing one is not public yet).</summary>
    public bool CanWatch(Video? recording) => recording is not null && VideosService.CanView(recording, Viewer.From(User));

    /// <summary>What the past-broadcast line says of its recording after the link (or instead of it).</summary>
    public string RecordingNote(LiveSession past, Video? recording) => (past.RecordingVideoId, recording?.Status) switch
    {
        (null, _) => past.Record && past.EndedAt > RecentlyEnded ? " · recording being prepared" : " · no recording",
        (_, null) => " · recording deleted",
        (_, VideoStatus.Uploading or VideoStatus.Processing) => " · recording being processed",
        (_, VideoStatus.Failed) => " · recording could not be processed",
        _ when !CanWatch(recording) => " · recording not public",
        _ => "",
    };
}

using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Comments;
using Framecast.Features.Discovery;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class WatchModel(VideosService videos, VideoResponses responses, CommentsService comments, ViewCounter views, Live.LiveChannelService live) : PageModel
{
    /// <summary>The video's channel is broadcasting now (a LIVE badge next to its name).</summary>
    public bool ChannelLive { get; private set; }

    private Func<string, string> mediaUrls = _ => "";

    private const string ViewerCookie = "fc_viewer";

    public VideoResponse Video { get; private set; } = null!;

    public IReadOnlyList<CommentResponse> Comments { get; private set; } = [];

    /// <summary>Where a signed-in viewer stopped last time, and the related videos beside the player.</summary>
    public NextUp NextUp { get; private set; } = new(null, []);

    public string? CommentError { get; private set; }

    public string? CommentDraft { get; private set; }

    public Viewer Viewer => field ??= Viewer.From(User);

    /// <summary>Follow the video's channel (or sign in to, or its count alone for the owner).</summary>
    public FollowControl Follow => FollowControl.For(User, Video.Owner.Username, $"/v/{Video.Id}");

    /// <summary>Gifts to the video's channel, sent on the video.</summary>
    public GiftPickerControl GiftPicker => GiftPickerControl.For(User, Video.Owner.Username, $"/v/{Video.Id}", sessionId: null, videoId: Video.Id);

    public bool CanWatch => Video.Status == "ready" && Video.HlsUrl is not null || Video.Playable;

    /// <summary>Media URLs for the player; private videos carry a signed token, as on the video resource.</summary>
    public string MediaUrl(string file) => mediaUrls(file);

    public bool CanDelete(CommentResponse comment) => CommentsService.MayDelete(Viewer, comment.Author.Id, Video.Owner.Id);

    public async Task<IActionResult> OnGetAsync(string id, [FromServices] NextUpService nextUp, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        NextUp = await nextUp.ForAsync(Video, Viewer, 12, cancellationToken);
        if (CanWatch && await views.CountAsync(Video.Id, ViewerSecret(), cancellationToken))
        {
            Video = Video with { Views = Video.Views + 1 };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCommentAsync(string id, string? content, CancellationToken cancellationToken)
    {
        if (!Viewer.IsAuthenticated)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request) + Uri.EscapeDataString("#comments"));
        }
        if (CommentsService.ValidateContent(content) is { } error)
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }
            CommentDraft = content;
            CommentError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await comments.AddAsync(id, Viewer, content!, cancellationToken) is null
            ? NotFound()
            : Redirect($"/v/{id}#comments");
    }

    public async Task<IActionResult> OnPostDeleteCommentAsync(string id, string commentId, CancellationToken cancellationToken)
    {
        var outcome = await comments.DeleteAsync(commentId, Viewer, cancellationToken);
        return outcome switch
        {
            AccessOutcome.Done => Redirect($"/v/{id}#comments"),
            AccessOutcome.Forbidden => Forbid(),
            _ => NotFound(),
        };
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var video = await videos.FindVisibleAsync(id, Viewer, cancellationToken);
        if (video is null)
        {
            return false;
        }
        Video = await videos.ToResponseAsync(video, cancellationToken);
        mediaUrls = responses.MediaUrls(video);
        var page = await comments.ListAsync(id, Viewer, new CommentWindow(null, null), null, 100, cancellationToken);
        Comments = page?.Items ?? [];
        ChannelLive = (await live.LiveAmongAsync([Video.Owner.Username], cancellationToken)).Count > 0;
        return true;
    }

    /// <summary>Who is watching, for counting a view once: the session when signed in, else a random cookie.</summary>
    private string ViewerSecret()
    {
        if (User.FindFirstValue(SessionAuthenticationHandler.SessionClaim) is { } session)
        {
            return $"session:{session}";
        }
        if (Request.Cookies[ViewerCookie] is { } known && SessionTokens.LooksValid(known))
        {
            return $"anonymous:{known}";
        }
        var fresh = SessionTokens.New();
        Response.Cookies.Append(ViewerCookie, fresh, new CookieOptions
        {
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
        return $"anonymous:{fresh}";
    }
}

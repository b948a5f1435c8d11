using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class StudioModel(VideosService videos) : PageModel
{
    public IReadOnlyList<VideoResponse> Videos { get; private set; } = [];

    public string? NextCursor { get; private set; }

    /// <summary>A message after an edit or delete (post-redirect-get keeps it in the query).</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? cursor, string? notice, CancellationToken cancellationToken)
    {
        var viewer = Viewer.From(User);
        if (!viewer.IsAuthenticated)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        PageCursor.TryDecode(cursor, out var position);
        var page = await videos.ListByOwnerAsync(User.Identity!.Name!, viewer, position, 50, cancellationToken);
        (Videos, NextCursor) = (page?.Items ?? [], page?.NextCursor);
        Notice = notice switch
        {
            "saved" => "Changes saved.",
            "deleted" => "The video was deleted.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, string? title, string? description, string? tags, string? visibility, CancellationToken cancellationToken)
    {
        if (!User.Identity!.IsAuthenticated)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        var tagList = (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = new UpdateVideoRequest(title, description ?? "", [.. tagList], visibility);
        var errors = new Dictionary<string, string[]>();
        VideoRules.Validate(request, errors);
        if (errors.Count > 0)
        {
            await OnGetAsync(null, null, cancellationToken);
            Notice = string.Join(" ", errors.SelectMany(e => e.Value));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (outcome, _) = await videos.UpdateAsync(id, Viewer.From(User), request, cancellationToken);
        return outcome == AccessOutcome.Done ? Redirect("/studio?notice=saved") : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!User.Identity!.IsAuthenticated)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        var outcome = await videos.DeleteAsync(id, Viewer.From(User), cancellationToken);
        return outcome == AccessOutcome.Done ? Redirect("/studio?notice=deleted") : NotFound();
    }
}

using Framecast.Features.Accounts;
using Framecast.Features.Discovery;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

/// <summary>The viewer's watch history: newest first, each removable, "Clear history" and "Pause history". Plain forms.</summary>
public sealed class HistoryModel(HistoryService history) : PageModel
{
    public IReadOnlyList<HistoryItem> Items { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool Paused { get; private set; }

    [TempData]
    public string? Status { get; set; }

    private Viewer Viewer => Viewer.From(User);

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken cancellationToken)
    {
        if (!Viewer.IsAuthenticated)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        PageCursor.TryDecode(cursor, out var position);
        var page = await history.ListAsync(Viewer, position, 30, cancellationToken);
        (Items, NextCursor) = (page.Items, page.NextCursor);
        Paused = await history.IsPausedAsync(Viewer.UserId!, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string videoId, CancellationToken cancellationToken) =>
        await ChangeAsync(() => history.RemoveAsync(Viewer.UserId!, videoId, cancellationToken), "Removed from your history.");

    public async Task<IActionResult> OnPostClearAsync(CancellationToken cancellationToken) =>
        await ChangeAsync(() => history.ClearAsync(Viewer.UserId!, cancellationToken), "Your history is cleared.");

    public async Task<IActionResult> OnPostPauseAsync(bool paused, CancellationToken cancellationToken) =>
        await ChangeAsync(async () =>
        {
            await history.SetPausedAsync(Viewer.UserId!, paused, cancellationToken);
            return 1;
        }, paused ? "History is paused: nothing you watch is recorded." : "History is on again.");

    private async Task<IActionResult> ChangeAsync(Func<Task<int>> change, string status)
    {
        if (!Viewer.IsAuthenticated)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        await change();
        Status = status;
        return RedirectToPage();
    }
}

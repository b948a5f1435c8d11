using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

/// <summary>
/// The owner's chat moderation: moderators, chat rules (slow mode, followers-only, minimum account age, blocked words),
/// bans and the moderation log. The page is a frame; <c>js/chat/studio-main.js</c> reads and changes it all through
/// the channel's REST API.
/// </summary>
public sealed class StudioChatModel : PageModel
{
    public string Username { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (Viewer.From(User).UserId is null)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        Username = User.Identity?.Name ?? "";
        return Page();
    }
}

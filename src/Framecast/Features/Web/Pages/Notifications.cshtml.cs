using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

/// <summary>
/// The viewer's notifications. The page is a frame; <c>js/notifications/main.js</c> lists them and marks them read
/// through <c>/api/v1/me/notifications</c>, so Web does not depend on the Notifications feature.
/// </summary>
public sealed class NotificationsModel : PageModel
{
    public IActionResult OnGet() =>
        Viewer.From(User).UserId is null ? Redirect(LocalReturnUrl.LoginFor(Request)) : Page();
}

using System.Security.Claims;
using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class LogoutModel(SessionService sessions) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.FindFirstValue(SessionAuthenticationHandler.SessionClaim) is { } sessionId)
        {
            await sessions.RevokeAsync(sessionId, cancellationToken);
        }
        SessionCookie.Delete(Response, Request);
        return LocalRedirect("/");
    }
}

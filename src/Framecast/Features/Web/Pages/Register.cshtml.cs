using Framecast.Infrastructure.Settings;
using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class RegisterModel(AccountsService accounts, SessionService sessions, SiteSettings settings) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public string? Username { get; private set; }

    /// <summary>Field name → message, for the fields of this form.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Registration is closed (site settings): the page says so instead of showing the form.</summary>
    public bool Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = LocalReturnUrl.Sanitize(returnUrl, Url);
        Closed = !(await settings.GetAsync(cancellationToken)).RegistrationOpen;
        return User.Identity?.IsAuthenticated == true ? LocalRedirect(ReturnUrl) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = LocalReturnUrl.Sanitize(returnUrl, Url);
        Username = username?.Trim();
        if (!(await settings.GetAsync(cancellationToken)).RegistrationOpen)
        {
            Closed = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        foreach (var (field, messages) in AccountsService.Validate(Username, password))
        {
            Errors[field.ToLowerInvariant()] = string.Join(" ", messages);
        }
        if (Errors.Count == 0)
        {
            var user = await accounts.CreateUserAsync(Username!, password!, isAdmin: false, cancellationToken);
            if (user is not null)
            {
                var (token, expiresAt) = await sessions.CreateAsync(user.Id, cancellationToken);
                SessionCookie.Append(Response, Request, token, expiresAt);
                return LocalRedirect(ReturnUrl);
            }
            Errors["username"] = "That username is already taken.";
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

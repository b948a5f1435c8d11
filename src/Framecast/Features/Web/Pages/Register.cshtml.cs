using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class RegisterModel(AccountsService accounts, SessionService sessions) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public string? Username { get; private set; }

    /// <summary>Field name → message, for the fields of this form.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = LocalReturnUrl.Sanitize(returnUrl, Url);
        return User.Identity?.IsAuthenticated == true ? LocalRedirect(ReturnUrl) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = LocalReturnUrl.Sanitize(returnUrl, Url);
        Username = username?.Trim();
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

using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class LoginModel(SignInService signIn) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public string? Username { get; private set; }

    public string? Error { get; private set; }

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = LocalReturnUrl.Sanitize(returnUrl, Url);
        return User.Identity?.IsAuthenticated == true ? LocalRedirect(ReturnUrl) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = LocalReturnUrl.Sanitize(returnUrl, Url);
        Username = username?.Trim();
        if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(password))
        {
            Error = "Enter your username and password.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var outcome = await signIn.SignInAsync(HttpContext, Username, password, cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            Error = $"Too many failed attempts. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minute(s).";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (outcome.BanReason is not null)
        {
            Error = outcome.BanMessage;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        if (outcome.User is null || outcome.Token is null)
        {
            Error = "The username or password is wrong.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        return LocalRedirect(ReturnUrl);
    }
}

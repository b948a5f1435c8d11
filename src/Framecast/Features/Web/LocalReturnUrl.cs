namespace Framecast.Features.Web;

/// <summary>Where to go after logging in: only a path on this site, never another origin (open-redirect guard).</summary>
public static class LocalReturnUrl
{
    public static string Sanitize(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Contains('\n') && !returnUrl.Contains('\r')
            ? returnUrl
            : "/";

    /// <summary>The log-in page for a page that needs a signed-in user.</summary>
    public static string LoginFor(HttpRequest request) => $"/login?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}";
}

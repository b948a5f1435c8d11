namespace Framecast.Features.Accounts;

public static class SessionCookie
{
    public static void Append(HttpResponse response, HttpRequest request, string token, DateTime expiresAt) =>
        AppendHttpOnly(response, request, AuthOptions.CookieName, token, expiresAt);

    public static void Delete(HttpResponse response, HttpRequest request) =>
        response.Cookies.Delete(AuthOptions.CookieName, new CookieOptions { Path = "/", Secure = request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });

    /// <summary>A site-wide cookie scripts cannot read, sent on top-level navigations from elsewhere but not on cross-site posts.</summary>
    internal static void AppendHttpOnly(HttpResponse response, HttpRequest request, string name, string value, DateTime expiresAt) =>
        response.Cookies.Append(name, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = expiresAt,
            IsEssential = true,
        });
}

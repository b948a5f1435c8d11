namespace Framecast.Features.Accounts;

public static class SessionCookie
{
    public static void Append(HttpResponse response, HttpRequest request, string token, DateTime expiresAt) =>
        response.Cookies.Append(AuthOptions.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = expiresAt,
            IsEssential = true,
        });

    public static void Delete(HttpResponse response, HttpRequest request) =>
        response.Cookies.Delete(AuthOptions.CookieName, new CookieOptions { Path = "/", Secure = request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });
}

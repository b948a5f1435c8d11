namespace Framecast.Features.Accounts;

public static class KnownDeviceCookie
{
    public static string? Read(HttpRequest request) => request.Cookies[AuthOptions.DeviceCookieName];

    public static void Append(HttpResponse response, HttpRequest request, string token, DateTime expiresAt) =>
        response.Cookies.Append(AuthOptions.DeviceCookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = expiresAt,
            IsEssential = true,
        });
}

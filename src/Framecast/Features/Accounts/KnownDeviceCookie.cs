namespace Framecast.Features.Accounts;

public static class KnownDeviceCookie
{
    public static string? Read(HttpRequest request) => request.Cookies[AuthOptions.DeviceCookieName];

    public static void Append(HttpResponse response, HttpRequest request, string token, DateTime expiresAt) =>
        SessionCookie.AppendHttpOnly(response, request, AuthOptions.DeviceCookieName, token, expiresAt);
}

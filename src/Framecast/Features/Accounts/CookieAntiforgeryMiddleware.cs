using System.Security.Claims;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Antiforgery;

namespace Framecast.Features.Accounts;

/// <summary>
/// A cookie rides along on cross-site requests, a bearer header does not: unsafe API calls authenticated by the
/// cookie must carry an antiforgery token (from <c>GET /api/v1/antiforgery</c>) in <c>X-CSRF-TOKEN</c>.
/// </summary>
public sealed class CookieAntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
            && context.User.FindFirstValue(SessionAuthenticationHandler.SourceClaim) == SessionAuthenticationHandler.CookieSource
            && !await antiforgery.IsRequestValidAsync(context))
        {
            await Problems.Create(StatusCodes.Status400BadRequest, "auth.antiforgery", "Antiforgery token missing or invalid",
                $"Requests authenticated by the session cookie must send the token from GET /api/v1/antiforgery in the {HeaderName} header.")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}

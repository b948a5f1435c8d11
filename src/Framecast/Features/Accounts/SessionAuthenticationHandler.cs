using System.Security.Claims;
using System.Text.Encodings.Web;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> or the <c>fc_session</c> cookie against the sessions table. The session
/// service (and its database context) is resolved only when a request carries a token: anonymous requests, most media
/// requests among them, never touch the database here.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "FramecastSession";

    /// <summary>
    /// The same sessions, asked for explicitly. The default scheme skips <c>/media</c>: a player fetches a segment
    /// every few seconds and only private videos need to know who is asking, so the media routes authenticate with
    /// this scheme on demand instead of looking the session up in the database for every segment.
    /// </summary>
    public const string OnDemandSchemeName = "FramecastSessionOnDemand";
    public const string AdminRole = "admin";
    public const string SessionClaim = "fc_session_id";
    public const string SourceClaim = "fc_auth_source";
    public const string CookieSource = "cookie";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Scheme.Name == SchemeName && Request.Path.StartsWithSegments("/media", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var (token, source) = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        var sessions = Context.RequestServices.GetRequiredService<SessionService>();
        var found = await sessions.ValidateAsync(token, Context.RequestAborted);
        if (found is not { } live)
        {
            return AuthenticateResult.Fail("The session is unknown or has expired.");
        }
        if (live.Slid && source == CookieSource)
        {
            SessionCookie.Append(Response, Request, token, live.Session.ExpiresAt);
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, live.User.Id),
            new(ClaimTypes.Name, live.User.Username),
            new(SessionClaim, live.Session.Id),
            new(SourceClaim, source),
        };
        if (live.User.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Unauthorized().ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden("You are not allowed to do this.").ExecuteAsync(Context);

    private static (string? Token, string Source) ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (header["Bearer ".Length..].Trim(), "bearer");
        }
        // Browsers cannot set headers on a WebSocket; SignalR clients send the token on the query instead (hubs only,
        // so tokens do not end up in the access logs of ordinary pages).
        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } query)
        {
            return (query, "bearer");
        }
        return request.Cookies.TryGetValue(AuthOptions.CookieName, out var cookie) && !string.IsNullOrEmpty(cookie)
            ? (cookie, CookieSource)
            : (null, "");
    }
}

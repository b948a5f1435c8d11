using Framecast.Infrastructure.Settings;
using System.Globalization;
using System.Security.Claims;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Accounts;

public static class AccountsEndpoints
{
    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Accounts");
        api.MapPost("/users", Register);
        api.MapPost("/sessions", LogIn);
        api.MapDelete("/sessions/current", LogOut).RequireAuthorization();
        api.MapGet("/me", GetMe).RequireAuthorization();
        api.MapGet("/antiforgery", GetAntiforgeryToken);
        return app;
    }

    public const string RegistrationClosedMessage = "This site is not taking new accounts at the moment.";

    private static async Task<Results<Created<RegisterResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, AccountsService accounts, SessionService sessions, SiteSettings settings, HttpContext http, CancellationToken cancellationToken)
    {
        if (!(await settings.GetAsync(cancellationToken)).RegistrationOpen)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "auth.registration_closed", "Registration closed", RegistrationClosedMessage);
        }
        var errors = AccountsService.Validate(request.Username, request.Password);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var user = await accounts.CreateUserAsync(request.Username!, request.Password!, isAdmin: false, cancellationToken);
        if (user is null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "auth.username_taken", "Username taken", "That username is already in use.");
        }
        var (token, expiresAt) = await sessions.CreateAsync(user.Id, cancellationToken);
        SessionCookie.Append(http.Response, http.Request, token, expiresAt);
        return TypedResults.Created("/api/v1/me", new RegisterResponse(user.Id, user.Username, token, expiresAt));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> LogIn(
        LoginRequest request, SignInService signIn, HttpContext http, CancellationToken cancellationToken)
    {
        var outcome = await signIn.SignInAsync(http, request.Username, request.Password, cancellationToken);
        if (outcome.RetryAfter is { } retryAfter)
        {
            var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Create(StatusCodes.Status429TooManyRequests, "rate.limited", "Too many failed log-ins",
                $"Try again in {seconds} seconds.");
        }
        if (outcome.BanReason is not null)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "auth.banned", "Account banned", outcome.BanMessage);
        }
        if (outcome.User is null || outcome.Token is null)
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, "auth.invalid_credentials", "Invalid credentials",
                "The username or password is wrong.");
        }
        return TypedResults.Ok(new SessionResponse(outcome.Token, outcome.ExpiresAt, new UserSummary(outcome.User.Id, outcome.User.Username)));
    }

    private static async Task<NoContent> LogOut(ClaimsPrincipal user, SessionService sessions, HttpContext http, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(SessionAuthenticationHandler.SessionClaim) is { } sessionId)
        {
            await sessions.RevokeAsync(sessionId, cancellationToken);
        }
        SessionCookie.Delete(http.Response, http.Request);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMe(ClaimsPrincipal principal, AccountsService accounts, CancellationToken cancellationToken)
    {
        var viewer = Viewer.From(principal);
        var user = viewer.UserId is null ? null : await accounts.FindAsync(viewer.UserId, cancellationToken);
        return user is null
            ? Problems.Unauthorized()
            : TypedResults.Ok(new MeResponse(user.Id, user.Username, user.IsAdmin, user.CreatedAt));
    }

    private static Ok<AntiforgeryTokenResponse> GetAntiforgeryToken(IAntiforgery antiforgery, HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.RequestToken!, CookieAntiforgeryMiddleware.HeaderName));
    }
}

using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Audit;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Admin.Users;

/// <summary>Accounts for admins: find, ban and let back, grant and revoke admin, end sessions.</summary>
public static class AdminUsersEndpoints
{
    public static IEndpointRouteBuilder MapAdminUsersEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapAdminGroup("/api/v1/admin/users");
        users.MapGet("", List);
        users.MapPost("/{username}/ban", Ban).Audited("user.ban", "user", "username");
        users.MapDelete("/{username}/ban", Unban).Audited("user.unban", "user", "username");
        users.MapPost("/{username}/admin", Grant).Audited("user.admin_grant", "user", "username");
        users.MapDelete("/{username}/admin", Revoke).Audited("user.admin_revoke", "user", "username");
        users.MapPost("/{username}/sessions/end", EndSessions).Audited("user.sessions_end", "user", "username");
        return app;
    }

    private static async Task<Results<Ok<Page<AdminUserResponse>>, ProblemHttpResult>> List(string? q, bool? banned, string? cursor, int? limit,
        UserModeration moderation, CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        return TypedResults.Ok(await moderation.ListAsync(q, banned, position, PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Ban(string username, ReasonRequest request,
        ClaimsPrincipal user, UserModeration moderation, CancellationToken cancellationToken)
    {
        if (request.Problem() is { } problem)
        {
            return Problems.Validation("reason", problem);
        }
        return await AnswerAsync(username, await moderation.BanAsync(username, Viewer.From(user).UserId!, request.Reason!.Trim(), cancellationToken),
            "You cannot ban yourself.", moderation, cancellationToken);
    }

    private static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Unban(string username, UserModeration moderation,
        CancellationToken cancellationToken) =>
        await AnswerAsync(username, await moderation.UnbanAsync(username, cancellationToken), "", moderation, cancellationToken);

    private static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Grant(string username, ClaimsPrincipal user,
        UserModeration moderation, CancellationToken cancellationToken) =>
        await AnswerAsync(username, await moderation.SetAdminAsync(username, Viewer.From(user).UserId!, true, cancellationToken), "", moderation, cancellationToken);

    private static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Revoke(string username, ClaimsPrincipal user,
        UserModeration moderation, CancellationToken cancellationToken) =>
        await AnswerAsync(username, await moderation.SetAdminAsync(username, Viewer.From(user).UserId!, false, cancellationToken),
            "You cannot revoke your own admin rights: ask another admin.", moderation, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSessions(string username, UserModeration moderation, CancellationToken cancellationToken) =>
        await moderation.EndSessionsAsync(username, cancellationToken) == UserModerationOutcome.Done ? TypedResults.NoContent() : AdminProblems.NoSuchUser();

    private static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> AnswerAsync(string username, UserModerationOutcome outcome,
        string selfMessage, UserModeration moderation, CancellationToken cancellationToken) => outcome switch
    {
        UserModerationOutcome.NotFound => AdminProblems.NoSuchUser(),
        UserModerationOutcome.Self => Problems.Create(StatusCodes.Status422UnprocessableEntity, "admin.self", "Not on your own account", selfMessage),
        _ => TypedResults.Ok((await moderation.FindAsync(username, cancellationToken))!),
    };
}

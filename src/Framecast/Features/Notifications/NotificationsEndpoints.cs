using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Notifications;

/// <summary>The caller's notifications (API.md, "Social, gifts and wallet"); pages poll <c>/unread</c>.</summary>
public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/notifications").WithTags("Notifications").RequireAuthorization();
        me.MapGet("/", ListNotifications);
        me.MapGet("/unread", GetUnread);
        me.MapPost("/read", MarkRead);
        return app;
    }

    private static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> ListNotifications(int? limit, string? cursor, ClaimsPrincipal user,
        NotificationsService notifications, CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        return TypedResults.Ok(await notifications.ListAsync(Viewer.From(user).UserId!, position, PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<Ok<UnreadResponse>> GetUnread(ClaimsPrincipal user, NotificationsService notifications, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnreadResponse(await notifications.UnreadAsync(Viewer.From(user).UserId!, cancellationToken)));

    private static async Task<Results<Ok<UnreadResponse>, ValidationProblem>> MarkRead(MarkReadRequest? request, ClaimsPrincipal user, NotificationsService notifications,
        CancellationToken cancellationToken)
    {
        var ids = request?.Ids;
        if (ids is { Count: > MarkReadRequest.MaxIds })
        {
            return Problems.Validation("ids", $"Mark at most {MarkReadRequest.MaxIds} at once, or send no ids to mark all.");
        }
        if (ids is not null && ids.Any(id => !Ids.IsValid(id)))
        {
            return Problems.Validation("ids", "Each id is one a notification list gave out.");
        }
        return TypedResults.Ok(new UnreadResponse(await notifications.MarkReadAsync(Viewer.From(user).UserId!, ids, cancellationToken)));
    }
}

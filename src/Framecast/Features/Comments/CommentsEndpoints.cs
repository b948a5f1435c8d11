using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Comments;

public static class CommentsEndpoints
{
    public static IEndpointRouteBuilder MapCommentsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Comments");
        api.MapGet("/videos/{id}/comments", ListComments);
        api.MapPost("/videos/{id}/comments", AddComment).RequireAuthorization();
        api.MapDelete("/comments/{id}", DeleteComment).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<Page<CommentResponse>>, ValidationProblem, ProblemHttpResult>> ListComments(
        string id, long? from, long? to, int? limit, string? cursor, ClaimsPrincipal user, CommentsService comments, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && f >= t)
        {
            return Problems.Validation("to", "'to' must be greater than 'from': the window is (from, to].");
        }
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        var window = new CommentWindow(
            from is { } start ? ClockExtensions.FromUnixSeconds(start) : null,
            to is { } end ? ClockExtensions.FromUnixSeconds(end) : null);
        var page = await comments.ListAsync(id, Viewer.From(user), window, position, PageCursor.ClampLimit(limit), cancellationToken);
        return page is null ? Problems.NotFound("video.not_found", "Video not found") : TypedResults.Ok(page);
    }

    private static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> AddComment(
        string id, CreateCommentRequest request, ClaimsPrincipal user, CommentsService comments, CancellationToken cancellationToken)
    {
        if (CommentsService.ValidateContent(request.Content) is { } error)
        {
            return Problems.Validation("content", error);
        }
        var (comment, outcome) = await comments.AddAsync(id, Viewer.From(user), request.Content!, request.ParentId, cancellationToken);
        return outcome switch
        {
            AddCommentOutcome.Done => TypedResults.Created($"/api/v1/videos/{id}/comments", comment!),
            AddCommentOutcome.ParentInvalid => Problems.Create(StatusCodes.Status422UnprocessableEntity, "comment.parent_invalid", "No such comment on this video",
                "parentId must be the id of a comment on the same video."),
            _ => Problems.NotFound("video.not_found", "Video not found"),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteComment(
        string id, ClaimsPrincipal user, CommentsService comments, CancellationToken cancellationToken) =>
        await comments.DeleteAsync(id, Viewer.From(user), cancellationToken) switch
        {
            AccessOutcome.Done => TypedResults.NoContent(),
            AccessOutcome.Forbidden => Problems.Forbidden("Only the author, the video's owner or an admin can delete this comment."),
            _ => Problems.NotFound("comment.not_found", "Comment not found"),
        };
}

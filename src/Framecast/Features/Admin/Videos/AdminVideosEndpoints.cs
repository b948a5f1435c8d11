using Framecast.Features.Accounts;
using Framecast.Infrastructure.Audit;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Admin.Videos;

public static class AdminVideosEndpoints
{
    public static IEndpointRouteBuilder MapAdminVideosEndpoints(this IEndpointRouteBuilder app)
    {
        var videos = app.MapAdminGroup("/api/v1/admin/videos");
        videos.MapGet("", List);
        videos.MapPost("/{id}/takedown", TakeDown).Audited("video.takedown", "video");
        videos.MapDelete("/{id}/takedown", Restore).Audited("video.restore", "video");
        videos.MapPost("/{id}/reprocess", Reprocess).Audited("video.reprocess", "video");
        return app;
    }

    private static async Task<Results<Ok<Page<AdminVideoResponse>>, ProblemHttpResult>> List(string? q, bool? takenDown, string? cursor, int? limit,
        VideoModeration moderation, CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        return TypedResults.Ok(await moderation.ListAsync(q, takenDown, position, PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<Results<Ok<AdminVideoResponse>, ValidationProblem, ProblemHttpResult>> TakeDown(string id, ReasonRequest request,
        VideoModeration moderation, CancellationToken cancellationToken)
    {
        if (request.Problem() is { } problem)
        {
            return Problems.Validation("reason", problem);
        }
        return await moderation.TakeDownAsync(id, request.Reason!.Trim(), cancellationToken)
            ? TypedResults.Ok((await moderation.FindAsync(id, cancellationToken))!)
            : AdminProblems.NoSuchVideo();
    }

    private static async Task<Results<Ok<AdminVideoResponse>, ProblemHttpResult>> Restore(string id, VideoModeration moderation, CancellationToken cancellationToken) =>
        await moderation.RestoreAsync(id, cancellationToken) ? TypedResults.Ok((await moderation.FindAsync(id, cancellationToken))!) : AdminProblems.NoSuchVideo();

    private static async Task<Results<Accepted<AdminVideoResponse>, ProblemHttpResult>> Reprocess(string id, VideoModeration moderation, CancellationToken cancellationToken) =>
        await moderation.ReprocessAsync(id, cancellationToken)
            ? TypedResults.Accepted($"/api/v1/videos/{id}", (await moderation.FindAsync(id, cancellationToken))!)
            : AdminProblems.NoSuchVideo();
}

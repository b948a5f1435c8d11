using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Hosting;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Videos;

public static class VideosEndpoints
{
    public static IEndpointRouteBuilder MapVideosEndpoints(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/api/v1/videos").WithTags("Videos");
        var cacheFor = app.ServiceProvider.GetRequiredService<IOptions<FramecastOptions>>().Value.LocalCacheLifetime;
        videos.MapGet("/", ListVideos).CacheOutput(new PublicVideoListCachePolicy(cacheFor));
        videos.MapGet("/{id}", GetVideo);
        videos.MapPatch("/{id}", UpdateVideo).RequireAuthorization();
        videos.MapDelete("/{id}", DeleteVideo).RequireAuthorization();
        app.MapGet("/api/v1/users/{username}/videos", ListUserVideos).WithTags("Videos");
        return app;
    }

    private static async Task<Results<Ok<Page<VideoResponse>>, ProblemHttpResult>> ListVideos(
        string? q, int? limit, string? cursor, VideosService videos, IVideoTextSearch search, CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        return TypedResults.Ok(await videos.ListPublicAsync(q, position, PageCursor.ClampLimit(limit), search, cancellationToken));
    }

    private static async Task<Results<Ok<Page<VideoResponse>>, ProblemHttpResult>> ListUserVideos(
        string username, int? limit, string? cursor, ClaimsPrincipal user, VideosService videos, CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        var page = await videos.ListByOwnerAsync(username, Viewer.From(user), position, PageCursor.ClampLimit(limit), cancellationToken);
        return page is null ? Problems.NotFound("user.not_found", "No such user") : TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<VideoResponse>, ProblemHttpResult>> GetVideo(
        string id, ClaimsPrincipal user, VideosService videos, CancellationToken cancellationToken)
    {
        var video = await videos.FindVisibleAsync(id, Viewer.From(user), cancellationToken);
        return video is null ? VideoNotFound() : TypedResults.Ok(await videos.ToResponseAsync(video, cancellationToken));
    }

    private static async Task<Results<Ok<VideoResponse>, ValidationProblem, ProblemHttpResult>> UpdateVideo(
        string id, UpdateVideoRequest request, ClaimsPrincipal user, VideosService videos, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        VideoRules.Validate(request, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (outcome, video) = await videos.UpdateAsync(id, Viewer.From(user), request, cancellationToken);
        return outcome switch
        {
            AccessOutcome.Done => TypedResults.Ok(await videos.ToResponseAsync(video!, cancellationToken)),
            AccessOutcome.Forbidden => Problems.Forbidden("Only the owner can edit this video."),
            _ => VideoNotFound(),
        };
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> DeleteVideo(
        string id, ClaimsPrincipal user, VideosService videos, CancellationToken cancellationToken) =>
        await videos.DeleteAsync(id, Viewer.From(user), cancellationToken) switch
        {
            AccessOutcome.Done => TypedResults.Accepted((string?)null),
            AccessOutcome.Forbidden => Problems.Forbidden("Only the owner or an admin can delete this video."),
            _ => VideoNotFound(),
        };

    private static ProblemHttpResult VideoNotFound() => Problems.NotFound("video.not_found", "Video not found");
}

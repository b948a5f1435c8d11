using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Uploads;

/// <summary><c>POST /api/v1/videos</c>: one multipart request (API.md), answered at once with the processing video.</summary>
public static class SimpleUploadEndpoints
{
    public static IEndpointRouteBuilder MapSimpleUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/videos", UploadVideo).WithTags("Videos").RequireAuthorization();
        return app;
    }

    private static async Task<Results<Accepted<VideoResponse>, ValidationProblem, ProblemHttpResult>> UploadVideo(
        HttpRequest request, ClaimsPrincipal user, SimpleUploadService uploads, VideosService videos, CancellationToken cancellationToken)
    {
        var result = await uploads.ReceiveAsync(request, Viewer.From(user).UserId!, cancellationToken);
        if (result.Video is { } video)
        {
            return TypedResults.Accepted($"/api/v1/videos/{video.Id}", await videos.ToResponseAsync(video, cancellationToken));
        }
        return result.MaxBytes is { } max ? UploadsEndpoints.TooLarge(max) : Problems.Validation(result.Errors!);
    }
}

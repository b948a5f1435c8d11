using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Discovery;

/// <summary>Trending, related videos and watch history (API.md, "Discovery").</summary>
public static class DiscoveryEndpoints
{
    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Discovery");
        api.MapGet("/videos/trending", ListTrending);
        api.MapGet("/videos/{id}/related", ListRelated);
        api.MapPut("/videos/{id}/progress", RecordProgress).RequireAuthorization();
        api.MapGet("/me/history", ListHistory).RequireAuthorization();
        api.MapDelete("/me/history", ClearHistory).RequireAuthorization();
        api.MapDelete("/me/history/{videoId}", RemoveFromHistory).RequireAuthorization();
        api.MapGet("/me/history/settings", GetHistorySettings).RequireAuthorization();
        api.MapPut("/me/history/settings", SetHistorySettings).RequireAuthorization();
        return app;
    }

    private static async Task<Ok<ListResponse>> ListTrending(string? tag, int? limit, TrendingService trending, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ListResponse(await trending.ListAsync(tag, PageCursor.ClampLimit(limit), cancellationToken)));

    private static async Task<Results<Ok<ListResponse>, ProblemHttpResult>> ListRelated(string id, int? limit, ClaimsPrincipal user, RelatedService related,
        CancellationToken cancellationToken) =>
        await related.ListAsync(id, Viewer.From(user), PageCursor.ClampLimit(limit), cancellationToken) is { } items
            ? TypedResults.Ok(new ListResponse(items))
            : Problems.NotFound("video.not_found", "Video not found");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RecordProgress(string id, ProgressRequest request, ClaimsPrincipal user,
        HistoryService history, CancellationToken cancellationToken)
    {
        if (request.PositionSeconds is not { } position || !double.IsFinite(position))
        {
            return Problems.Validation("positionSeconds", "Give the position in seconds.");
        }
        return await history.RecordAsync(id, Viewer.From(user), position, cancellationToken) == HistoryService.ProgressOutcome.NotFound
            ? Problems.NotFound("video.not_found", "Video not found")
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Page<HistoryItem>>, ProblemHttpResult>> ListHistory(int? limit, string? cursor, ClaimsPrincipal user, HistoryService history,
        CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        return TypedResults.Ok(await history.ListAsync(Viewer.From(user), position, PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<NoContent> ClearHistory(ClaimsPrincipal user, HistoryService history, CancellationToken cancellationToken)
    {
        await history.ClearAsync(Viewer.From(user).UserId!, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveFromHistory(string videoId, ClaimsPrincipal user, HistoryService history, CancellationToken cancellationToken)
    {
        await history.RemoveAsync(Viewer.From(user).UserId!, videoId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<HistorySettingsResponse>> GetHistorySettings(ClaimsPrincipal user, HistoryService history, CancellationToken cancellationToken) =>
        TypedResults.Ok(new HistorySettingsResponse(await history.IsPausedAsync(Viewer.From(user).UserId!, cancellationToken)));

    private static async Task<Results<Ok<HistorySettingsResponse>, ValidationProblem>> SetHistorySettings(HistorySettingsRequest request, ClaimsPrincipal user,
        HistoryService history, CancellationToken cancellationToken)
    {
        if (request.Paused is not { } paused)
        {
            return Problems.Validation("paused", "Say true or false.");
        }
        await history.SetPausedAsync(Viewer.From(user).UserId!, paused, cancellationToken);
        return TypedResults.Ok(new HistorySettingsResponse(paused));
    }
}

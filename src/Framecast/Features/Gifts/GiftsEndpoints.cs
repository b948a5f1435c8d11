using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Features.Wallet;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Gifts;

/// <summary>The catalogue, sending a gift to a broadcast or a video, and what was sent there.</summary>
public static class GiftsEndpoints
{
    public static IEndpointRouteBuilder MapGiftsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Gifts");
        api.MapGet("/gifts", ListCatalog);
        api.MapPost("/live/{sessionId}/gifts", SendToLive).RequireAuthorization();
        api.MapPost("/videos/{id}/gifts", SendToVideo).RequireAuthorization();
        api.MapGet("/live/{sessionId}/gifts", ListLiveGifts);
        api.MapGet("/videos/{id}/gifts", ListVideoGifts);
        api.MapGet("/live/{sessionId}/gifts/leaderboard", LiveLeaderboard);
        api.MapGet("/videos/{id}/gifts/leaderboard", VideoLeaderboard);
        return app;
    }

    private static async Task<Ok<GiftCatalogResponse>> ListCatalog(GiftCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(new GiftCatalogResponse(await catalog.ListAsync(includeRetired: false, cancellationToken)));

    private static async Task<Results<Created<GiftSendResponse>, ProblemHttpResult>> SendToLive(string sessionId, SendGiftRequest request, ClaimsPrincipal user,
        FramecastDbContext db, GiftSender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var (target, refusal) = await GiftTarget.LiveAsync(db, sessionId, cancellationToken);
        return await SendAsync(target, refusal, request, user, sender, http, cancellationToken);
    }

    private static async Task<Results<Created<GiftSendResponse>, ProblemHttpResult>> SendToVideo(string id, SendGiftRequest request, ClaimsPrincipal user,
        VideosService videos, GiftSender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var (target, refusal) = await GiftTarget.VideoAsync(videos, id, Viewer.From(user), cancellationToken);
        return await SendAsync(target, refusal, request, user, sender, http, cancellationToken);
    }

    private static async Task<Results<Created<GiftSendResponse>, ProblemHttpResult>> SendAsync(GiftTarget? target, WalletRefusal? refusal, SendGiftRequest request,
        ClaimsPrincipal user, GiftSender sender, HttpContext http, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            return refusal!.ToProblem(http);
        }
        var (sent, refused) = await sender.SendAsync(Viewer.From(user), target, request, cancellationToken);
        return refused is not null
            ? refused.ToProblem(http)
            : TypedResults.Created($"/api/v1/{(sent!.SessionId is { } s ? $"live/{s}" : $"videos/{sent.VideoId}")}/gifts", sent);
    }

    private static async Task<Results<Ok<Page<GiftEvent>>, ProblemHttpResult>> ListLiveGifts(string sessionId, int? limit, string? cursor, FramecastDbContext db,
        GiftHistory history, CancellationToken cancellationToken)
    {
        var (target, refusal) = await GiftTarget.LiveOrEndedAsync(db, sessionId, cancellationToken);
        return target is null ? refusal!.ToProblem(null) : await RecentAsync(target, limit, cursor, history, cancellationToken);
    }

    private static async Task<Results<Ok<Page<GiftEvent>>, ProblemHttpResult>> ListVideoGifts(string id, int? limit, string? cursor, ClaimsPrincipal user,
        VideosService videos, GiftHistory history, CancellationToken cancellationToken)
    {
        var (target, refusal) = await GiftTarget.VideoAsync(videos, id, Viewer.From(user), cancellationToken);
        return target is null ? refusal!.ToProblem(null) : await RecentAsync(target, limit, cursor, history, cancellationToken);
    }

    private static async Task<Results<Ok<Page<GiftEvent>>, ProblemHttpResult>> RecentAsync(GiftTarget target, int? limit, string? cursor, GiftHistory history,
        CancellationToken cancellationToken) =>
        PageCursor.TryDecode(cursor, out var before)
            ? TypedResults.Ok(await history.RecentAsync(target.SessionId, target.VideoId, before, PageCursor.ClampLimit(limit), cancellationToken))
            : Problems.InvalidCursor();

    private static async Task<Results<Ok<LeaderboardResponse>, ProblemHttpResult>> LiveLeaderboard(string sessionId, FramecastDbContext db, GiftHistory history,
        CancellationToken cancellationToken)
    {
        var (target, refusal) = await GiftTarget.LiveOrEndedAsync(db, sessionId, cancellationToken);
        return target is null ? refusal!.ToProblem(null) : TypedResults.Ok(await history.LeaderboardAsync(target.SessionId, null, cancellationToken));
    }

    private static async Task<Results<Ok<LeaderboardResponse>, ProblemHttpResult>> VideoLeaderboard(string id, ClaimsPrincipal user, VideosService videos,
        GiftHistory history, CancellationToken cancellationToken)
    {
        var (target, refusal) = await GiftTarget.VideoAsync(videos, id, Viewer.From(user), cancellationToken);
        return target is null ? refusal!.ToProblem(null) : TypedResults.Ok(await history.LeaderboardAsync(null, target.VideoId, cancellationToken));
    }
}

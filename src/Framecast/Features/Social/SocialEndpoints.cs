using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Social;

/// <summary>Likes, follows and the feed (API.md, "Social, gifts and wallet").</summary>
public static class SocialEndpoints
{
    public static IEndpointRouteBuilder MapSocialEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Social");
        api.MapGet("/videos/{id}/like", GetLike);
        api.MapPut("/videos/{id}/like", Like).RequireAuthorization();
        api.MapDelete("/videos/{id}/like", Unlike).RequireAuthorization();
        api.MapGet("/channels/{username}/subscription", GetSubscription);
        api.MapPut("/channels/{username}/subscription", Follow).RequireAuthorization();
        api.MapDelete("/channels/{username}/subscription", Unfollow).RequireAuthorization();
        api.MapGet("/me/subscriptions", ListSubscriptions).RequireAuthorization();
        api.MapGet("/me/feed", GetFeed).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<LikeResponse>, ProblemHttpResult>> GetLike(string id, ClaimsPrincipal user, LikesService likes, CancellationToken cancellationToken) =>
        LikeResult(await likes.GetAsync(id, Viewer.From(user), cancellationToken));

    private static async Task<Results<Ok<LikeResponse>, ProblemHttpResult>> Like(string id, ClaimsPrincipal user, LikesService likes, CancellationToken cancellationToken) =>
        LikeResult(await likes.SetAsync(id, Viewer.From(user), like: true, cancellationToken));

    private static async Task<Results<Ok<LikeResponse>, ProblemHttpResult>> Unlike(string id, ClaimsPrincipal user, LikesService likes, CancellationToken cancellationToken) =>
        LikeResult(await likes.SetAsync(id, Viewer.From(user), like: false, cancellationToken));

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetSubscription(string username, ClaimsPrincipal user, FollowsService follows,
        CancellationToken cancellationToken) =>
        await follows.GetAsync(username, Viewer.From(user), cancellationToken) is { } state ? TypedResults.Ok(state) : ChannelNotFound();

    private static Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Follow(string username, ClaimsPrincipal user, FollowsService follows,
        CancellationToken cancellationToken) => SetFollowAsync(username, user, follows, follow: true, cancellationToken);

    private static Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Unfollow(string username, ClaimsPrincipal user, FollowsService follows,
        CancellationToken cancellationToken) => SetFollowAsync(username, user, follows, follow: false, cancellationToken);

    private static async Task<Results<Ok<Page<SubscriptionItem>>, ProblemHttpResult>> ListSubscriptions(int? limit, string? cursor, ClaimsPrincipal user,
        FollowsService follows, CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        return TypedResults.Ok(await follows.ListAsync(Viewer.From(user).UserId!, position, PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<Results<Ok<Page<FeedItem>>, ProblemHttpResult>> GetFeed(int? limit, string? cursor, ClaimsPrincipal user, FeedService feed,
        CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var position))
        {
            return Problems.InvalidCursor();
        }
        return TypedResults.Ok(await feed.ListAsync(Viewer.From(user).UserId!, position, PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> SetFollowAsync(string username, ClaimsPrincipal user, FollowsService follows,
        bool follow, CancellationToken cancellationToken) =>
        await follows.SetAsync(username, Viewer.From(user), follow, cancellationToken) switch
        {
            (FollowOutcome.Done, { } state) => TypedResults.Ok(state),
            (FollowOutcome.Self, _) => Problems.Create(StatusCodes.Status422UnprocessableEntity, "follow.self", "You cannot follow yourself",
                "A channel's owner cannot follow their own channel."),
            _ => ChannelNotFound(),
        };

    private static Results<Ok<LikeResponse>, ProblemHttpResult> LikeResult(LikeResponse? state) =>
        state is null ? Problems.NotFound("video.not_found", "Video not found") : TypedResults.Ok(state);

    private static ProblemHttpResult ChannelNotFound() => Problems.NotFound("user.not_found", "No such channel");
}

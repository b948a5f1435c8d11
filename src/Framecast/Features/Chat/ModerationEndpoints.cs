using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Chat;

/// <summary>A channel's chat moderation: moderators (named by the owner), bans, rules, and the log of actions.</summary>
public static class ModerationEndpoints
{
    public const int MaxReasonLength = 500;

    /// <summary>The longest timed ban; longer is a permanent one (no <c>durationSeconds</c>).</summary>
    public const long MaxBanSeconds = 366L * 24 * 3600;

    public static IEndpointRouteBuilder MapModerationEndpoints(this IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/api/v1/channels/{username}").WithTags("Moderation");
        channels.MapGet("/moderators", ListModerators).RequireAuthorization();
        channels.MapPut("/moderators/{user}", AddModerator).RequireAuthorization();
        channels.MapDelete("/moderators/{user}", RemoveModerator).RequireAuthorization();
        channels.MapGet("/bans", ListBans).RequireAuthorization();
        channels.MapPost("/bans", Ban).RequireAuthorization();
        channels.MapDelete("/bans/{user}", Unban).RequireAuthorization();
        channels.MapGet("/chat-settings", GetSettings);
        channels.MapPut("/chat-settings", PutSettings).RequireAuthorization();
        channels.MapGet("/moderation-log", ListLog).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<UserListResponse>, ProblemHttpResult>> ListModerators(string username, ClaimsPrincipal user, UserDirectory users,
        ModerationService moderation, CancellationToken cancellationToken)
    {
        var (channelId, problem) = await ModeratedChannelAsync(username, user, users, moderation, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var ids = await moderation.ModeratorIdsAsync(channelId!, cancellationToken);
        var summaries = await users.GetSummariesAsync(ids, cancellationToken);
        return TypedResults.Ok(new UserListResponse([.. ids.Where(summaries.ContainsKey).Select(id => summaries[id])]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AddModerator(string username, string user, ClaimsPrincipal principal, UserDirectory users,
        ModerationService moderation, CancellationToken cancellationToken)
    {
        var (channelId, targetId, problem) = await OwnerAndTargetAsync(username, user, principal, users, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (channelId == targetId)
        {
            return Problems.Create(422, "chat.moderator_is_owner", "The channel's owner already moderates it.");
        }
        await moderation.AddModeratorAsync(channelId!, targetId!, Viewer.From(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveModerator(string username, string user, ClaimsPrincipal principal, UserDirectory users,
        ModerationService moderation, CancellationToken cancellationToken)
    {
        var (channelId, targetId, problem) = await OwnerAndTargetAsync(username, user, principal, users, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        await moderation.RemoveModeratorAsync(channelId!, targetId!, Viewer.From(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<BanListResponse>, ProblemHttpResult>> ListBans(string username, ClaimsPrincipal user, UserDirectory users,
        ModerationService moderation, CancellationToken cancellationToken)
    {
        var (channelId, problem) = await ModeratedChannelAsync(username, user, users, moderation, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var bans = await moderation.BansAsync(channelId!, cancellationToken);
        var summaries = await users.GetSummariesAsync(bans.SelectMany(b => new[] { b.UserId, b.ById }), cancellationToken);
        return TypedResults.Ok(new BanListResponse([.. bans.Select(b => BanResponse.From(b, summaries))]));
    }

    private static async Task<Results<Created<BanResponse>, ValidationProblem, ProblemHttpResult>> Ban(string username, BanRequest request, ClaimsPrincipal user,
        UserDirectory users, ModerationService moderation, LiveChannelService live, ChatRooms rooms, CancellationToken cancellationToken)
    {
        if (request.DurationSeconds is < 1 or > MaxBanSeconds)
        {
            return Problems.Validation("durationSeconds", $"Use 1 to {MaxBanSeconds} seconds, or leave it out for a permanent ban.");
        }
        if ((request.Reason ?? "").Length > MaxReasonLength)
        {
            return Problems.Validation("reason", $"Use at most {MaxReasonLength} characters.");
        }
        var (channelId, problem) = await ModeratedChannelAsync(username, user, users, moderation, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var targetId = await users.FindIdAsync(request.Username ?? "", cancellationToken);
        if (targetId is null)
        {
            return Problems.NotFound("user.not_found", "No such user");
        }
        var actor = Viewer.From(user);
        if (targetId == channelId)
        {
            return Problems.Create(422, "chat.cannot_ban_owner", "The channel's owner cannot be banned from its chat.");
        }
        if (!actor.OwnsOrAdmin(channelId!) && await moderation.IsModeratorAsync(channelId!, targetId, cancellationToken))
        {
            return Problems.Forbidden("Only the channel's owner or an admin can ban a moderator.");
        }
        var reason = (request.Reason ?? "").Trim();
        var ban = await moderation.BanAsync(channelId!, targetId, actor, request.DurationSeconds is { } s ? TimeSpan.FromSeconds(s) : null, reason, cancellationToken);
        var summaries = await users.GetSummariesAsync([targetId, actor.UserId!], cancellationToken);
        if (await live.CurrentSessionAsync(channelId!, cancellationToken) is { } session)
        {
            rooms.Banned(new BannedEvent(session.Id, summaries[targetId], ban.Until, ban.Reason));
        }
        return TypedResults.Created($"/api/v1/channels/{username}/bans", BanResponse.From(ban, summaries));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unban(string username, string user, ClaimsPrincipal principal, UserDirectory users,
        ModerationService moderation, CancellationToken cancellationToken)
    {
        var (channelId, problem) = await ModeratedChannelAsync(username, principal, users, moderation, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var targetId = await users.FindIdAsync(user, cancellationToken);
        return targetId is not null && await moderation.UnbanAsync(channelId!, targetId, Viewer.From(principal), cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound("ban.not_found", "This user is not banned here");
    }

    /// <summary>Public (the page says "slow mode: 10 s"), but the blocked words only to those who moderate: they are not a guide around the filter.</summary>
    private static async Task<Results<Ok<ChatSettingsResponse>, ProblemHttpResult>> GetSettings(string username, ClaimsPrincipal user, UserDirectory users,
        ModerationService moderation, CancellationToken cancellationToken)
    {
        if (await users.FindIdAsync(username, cancellationToken) is not { } channelId)
        {
            return Problems.NotFound("user.not_found", "No such channel");
        }
        var settings = ChatSettingsResponse.From(await moderation.SettingsAsync(channelId, cancellationToken));
        return TypedResults.Ok(await moderation.MayModerateAsync(channelId, Viewer.From(user), cancellationToken) ? settings : settings with { BlockedWords = [] });
    }

    private static async Task<Results<Ok<ChatSettingsResponse>, ValidationProblem, ProblemHttpResult>> PutSettings(string username, ChatSettingsRequest request,
        ClaimsPrincipal user, UserDirectory users, ModerationService moderation, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }
        var (channelId, problem) = await ModeratedChannelAsync(username, user, users, moderation, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        await moderation.SaveSettingsAsync(channelId!, Viewer.From(user), request, cancellationToken);
        return TypedResults.Ok(ChatSettingsResponse.From(await moderation.SettingsAsync(channelId!, cancellationToken)));
    }

    private static async Task<Results<Ok<ModerationLogResponse>, ProblemHttpResult>> ListLog(string username, int? limit, ClaimsPrincipal user, UserDirectory users,
        ModerationService moderation, CancellationToken cancellationToken)
    {
        var (channelId, problem) = await ModeratedChannelAsync(username, user, users, moderation, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var entries = await moderation.LogAsync(channelId!, PageCursor.ClampLimit(limit), cancellationToken);
        var summaries = await users.GetSummariesAsync(entries.Select(e => e.ActorId).Concat(entries.Select(e => e.Target)).Where(Ids.IsValid), cancellationToken);
        return TypedResults.Ok(new ModerationLogResponse([.. entries.Select(e => new ModerationLogItem(e.Id, e.Action,
            summaries.TryGetValue(e.ActorId, out var actor) ? actor : new UserSummary(e.ActorId, ""),
            summaries.TryGetValue(e.Target, out var target) ? target.Username : e.Target, e.Reason, e.At))]));
    }

    /// <summary>The channel's id when <paramref name="user"/> may moderate it; else the problem to answer.</summary>
    private static async Task<(string? ChannelId, ProblemHttpResult? Problem)> ModeratedChannelAsync(string username, ClaimsPrincipal user, UserDirectory users,
        ModerationService moderation, CancellationToken cancellationToken)
    {
        var channelId = await users.FindIdAsync(username, cancellationToken);
        if (channelId is null)
        {
            return (null, Problems.NotFound("user.not_found", "No such channel"));
        }
        return await moderation.MayModerateAsync(channelId, Viewer.From(user), cancellationToken)
            ? (channelId, null)
            : (null, Problems.Forbidden("Only the channel's owner, its moderators or an admin can do this."));
    }

    private static async Task<(string? ChannelId, string? TargetId, ProblemHttpResult? Problem)> OwnerAndTargetAsync(string username, string target, ClaimsPrincipal user,
        UserDirectory users, CancellationToken cancellationToken)
    {
        var channelId = await users.FindIdAsync(username, cancellationToken);
        if (channelId is null)
        {
            return (null, null, Problems.NotFound("user.not_found", "No such channel"));
        }
        if (!Viewer.From(user).OwnsOrAdmin(channelId))
        {
            return (null, null, Problems.Forbidden("Only the channel's owner or an admin names its moderators."));
        }
        var targetId = await users.FindIdAsync(target, cancellationToken);
        return targetId is null ? (null, null, Problems.NotFound("user.not_found", "No such user")) : (channelId, targetId, null);
    }
}

using Framecast.Infrastructure.Audit;
using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Live.Broadcasts;
using Framecast.Infrastructure.Http;
using Framecast.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Live;

/// <summary>The owner's live settings and stream key, ending a broadcast, and a channel's live session (API.md, Live).</summary>
public static class LiveEndpoints
{
    /// <summary>The live lists' cursor: a position, since viewer counts reorder them between pages.</summary>
    private static readonly PositionCursor ListCursor = new("live:", 100_000);

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/live").WithTags("Live").RequireAuthorization();
        me.MapGet("/", GetSettings);
        me.MapPatch("/", UpdateSettings);
        me.MapPost("/key", RotateKey);
        me.MapPost("/end", EndBroadcast);
        app.MapGet("/api/v1/channels/{username}/live", GetChannelLive).WithTags("Live");
        app.MapGet("/api/v1/live", ListLive).WithTags("Live");
        app.MapGet("/api/v1/channels/{username}/broadcasts", ListPastBroadcasts).WithTags("Live");
        app.MapGet("/live/{username}/thumbnail.jpg", GetThumbnail).WithTags("Live");
        // Admins end any broadcast and revoke any key (the console comes with the management issue).
        var admin = app.MapAdminGroup("/api/v1/admin/live/{username}");
        admin.MapPost("/end", AdminEndBroadcast).Audited("live.end", "user", "username");
        admin.MapPost("/key", AdminRevokeKey).Audited("live.key_revoke", "user", "username");
        return app;
    }

    private static async Task<Ok<LiveSettingsResponse>> GetSettings(HttpContext http, ClaimsPrincipal user, LiveChannelService channels, LiveBroadcasts broadcasts,
        IOptions<LiveOptions> options, CancellationToken cancellationToken)
    {
        var userId = Viewer.From(user).UserId!;
        var channel = await channels.GetOrCreateAsync(userId, cancellationToken);
        return TypedResults.Ok(await SettingsAsync(http, channel, channels, broadcasts, options.Value, cancellationToken));
    }

    private static async Task<Results<Ok<LiveSettingsResponse>, ValidationProblem>> UpdateSettings(HttpContext http, LiveSettingsRequest request, ClaimsPrincipal user,
        LiveChannelService channels, LiveBroadcasts broadcasts, IOptions<LiveOptions> options, CancellationToken cancellationToken)
    {
        var (channel, errors) = await channels.UpdateAsync(Viewer.From(user).UserId!, request, cancellationToken);
        return channel is null
            ? Problems.Validation(errors)
            : TypedResults.Ok(await SettingsAsync(http, channel, channels, broadcasts, options.Value, cancellationToken));
    }

    private static async Task<Ok<LiveSettingsResponse>> RotateKey(HttpContext http, ClaimsPrincipal user, LiveChannelService channels, LiveBroadcasts broadcasts,
        IOptions<LiveOptions> options, CancellationToken cancellationToken)
    {
        var channel = await channels.RotateKeyAsync(Viewer.From(user).UserId!, cancellationToken);
        return TypedResults.Ok(await SettingsAsync(http, channel, channels, broadcasts, options.Value, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndBroadcast(ClaimsPrincipal user, LiveChannelService channels, LiveCutter cutter, CancellationToken cancellationToken)
    {
        var userId = Viewer.From(user).UserId!;
        if (await channels.CurrentSessionAsync(userId, cancellationToken) is null)
        {
            return Offline();
        }
        await cutter.CutAsync(userId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AdminEndBroadcast(string username, LiveChannelService channels, LiveCutter cutter,
        CancellationToken cancellationToken)
    {
        var (owner, session) = await channels.CurrentSessionByUsernameAsync(username, cancellationToken);
        if (owner is null || session is null)
        {
            return Offline();
        }
        await cutter.CutAsync(owner.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Replaces the channel's key (the old one is refused at once, its broadcast cut); the owner reads the new one in the studio.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> AdminRevokeKey(string username, LiveChannelService channels, CancellationToken cancellationToken)
    {
        var (owner, _) = await channels.CurrentSessionByUsernameAsync(username, cancellationToken);
        if (owner is null)
        {
            return Problems.NotFound("user.not_found", "No such channel");
        }
        await channels.RotateKeyAsync(owner.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<LiveSessionResponse>, ProblemHttpResult>> GetChannelLive(string username, LiveChannelService channels, LiveBroadcasts broadcasts,
        IBlobStore blobs, CancellationToken cancellationToken)
    {
        var (owner, session) = await channels.CurrentSessionByUsernameAsync(username, cancellationToken);
        return owner is not null && session is not null
            ? TypedResults.Ok(Session(session, owner.Username, broadcasts.FindByUser(owner.Id), withHealth: false,
                await LiveThumbnails.UrlAsync(blobs, session, owner.Username, cancellationToken), owner.FollowerCount))
            : Offline();
    }

    /// <summary>The latest picture of the channel's broadcast (renewed about every 10 s while it is on).</summary>
    private static async Task<IResult> GetThumbnail(string username, LiveChannelService channels, IBlobStore blobs, HttpContext http, CancellationToken cancellationToken)
    {
        var (_, session) = await channels.CurrentSessionByUsernameAsync(username, cancellationToken);
        var key = session is null ? null : LiveThumbnails.Key(session.Id);
        if (key is null || !await blobs.ExistsAsync(key, cancellationToken))
        {
            return Offline();
        }
        http.Response.Headers.CacheControl = "public, max-age=10";
        return TypedResults.PhysicalFile(await blobs.GetLocalPathAsync(key, cancellationToken), "image/jpeg");
    }

    /// <summary>Channels live now, most viewers first; <c>cursor</c> is opaque (a position: counts change between pages).</summary>
    private static async Task<Results<Ok<Page<LiveSessionResponse>>, ValidationProblem>> ListLive(int? limit, string? cursor, LiveChannelService channels,
        LiveBroadcasts broadcasts, IBlobStore blobs, CancellationToken cancellationToken)
    {
        long offset = 0;
        if (cursor is not null && !ListCursor.TryDecode(cursor, out offset))
        {
            return Problems.Validation("cursor", "This cursor is not one a list gave out.");
        }
        var take = PageCursor.ClampLimit(limit);
        var rows = await channels.ListLiveAsync((int)offset, take + 1, cancellationToken);
        var items = new List<LiveSessionResponse>();
        foreach (var (session, username, followers) in rows.Take(take))
        {
            if (broadcasts.StatusOf(session) == LiveSessionStatus.Ended)
            {
                continue; // ended a moment ago, its row not yet saved
            }
            items.Add(Session(session, username, broadcasts.FindByUser(session.UserId), withHealth: false, await LiveThumbnails.UrlAsync(blobs, session, username, cancellationToken),
                followers));
        }
        return TypedResults.Ok(new Page<LiveSessionResponse>(items, rows.Count > take ? ListCursor.Encode(offset + take) : null));
    }

    /// <summary>A channel's broadcasts that ended, newest first, each with the video its recording became (<c>recordingVideoId</c>).</summary>
    private static async Task<Results<Ok<Page<LiveSessionResponse>>, ValidationProblem, ProblemHttpResult>> ListPastBroadcasts(string username, int? limit, string? cursor,
        LiveChannelService channels, CancellationToken cancellationToken)
    {
        long offset = 0;
        if (cursor is not null && !ListCursor.TryDecode(cursor, out offset))
        {
            return Problems.Validation("cursor", "This cursor is not one a list gave out.");
        }
        var (owner, _) = await channels.CurrentSessionByUsernameAsync(username, cancellationToken);
        if (owner is null)
        {
            return Problems.NotFound("user.not_found", "No such channel");
        }
        var take = PageCursor.ClampLimit(limit);
        var rows = await channels.PastSessionsAsync(owner.Id, take + 1, cancellationToken, (int)offset);
        var items = rows.Take(take).Select(s => Session(s, owner.Username, null, withHealth: false, null, owner.FollowerCount)).ToList();
        return TypedResults.Ok(new Page<LiveSessionResponse>(items, rows.Count > take ? ListCursor.Encode(offset + take) : null));
    }

    private static async Task<LiveSettingsResponse> SettingsAsync(HttpContext http, LiveChannel channel, LiveChannelService channels, LiveBroadcasts broadcasts,
        LiveOptions options, CancellationToken cancellationToken)
    {
        var session = await channels.CurrentSessionAsync(channel.UserId, cancellationToken);
        var broadcast = broadcasts.FindByUser(channel.UserId);
        var blobs = http.RequestServices.GetRequiredService<IBlobStore>();
        return new LiveSettingsResponse(channel.Title, channel.Description, channel.Tags, channel.Record, RtmpUrl(http, options, broadcasts), channel.StreamKey,
            channel.LastError, channel.LastErrorAt,
            session is null ? null : Session(session, http.User.Identity?.Name ?? "", broadcast, withHealth: true,
                await LiveThumbnails.UrlAsync(blobs, session, http.User.Identity?.Name ?? "", cancellationToken)));
    }

    private static LiveSessionResponse Session(LiveSession session, string username, Broadcast? broadcast, bool withHealth, string? thumbnailUrl, long? followers = null) =>
        LiveSessionResponse.From(session, new LiveChannelRef(username, followers), broadcast, withHealth, thumbnailUrl);

    private static string RtmpUrl(HttpContext http, LiveOptions options, LiveBroadcasts broadcasts) =>
        options.RtmpUrlFor(http.Request.Host.Host, broadcasts.RtmpPort);

    private static ProblemHttpResult Offline() => Problems.NotFound("live.offline", "The channel is not live");
}

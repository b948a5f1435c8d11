using System.Net;
using System.Text.Json;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Social;

/// <summary>The feed: followed channels' published public videos and their broadcasts, newest first, in pages; nothing else.</summary>
public sealed class FeedTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_feed_holds_only_public_ready_videos_and_broadcasts_of_followed_channels_newest_first(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var me = await host.RegisterAsync("feed");
        var followed = await host.RegisterAsync("fa");
        var alsoFollowed = await host.RegisterAsync("fb");
        var stranger = await host.RegisterAsync("fc");
        await me.Client.FollowAsync(followed.Username);
        await me.Client.FollowAsync(alsoFollowed.Username);

        var first = await host.CreateVideoAsync(followed, "first public");
        var pastBroadcast = await host.AddSessionAsync(followed, LiveSessionStatus.Ended);
        await host.CreateVideoAsync(followed, "private", Visibility.Private);
        await host.CreateVideoAsync(followed, "unlisted", Visibility.Unlisted);
        await host.CreateVideoAsync(followed, "processing", status: VideoStatus.Processing);
        await host.CreateVideoAsync(followed, "failed", status: VideoStatus.Failed);
        await host.CreateVideoAsync(stranger, "not followed");
        var strangersBroadcast = await host.AddSessionAsync(stranger, LiveSessionStatus.Live);
        var second = await host.CreateVideoAsync(alsoFollowed, "second public");
        var later = await host.CreateVideoAsync(followed, "made public later", Visibility.Private);
        var onNow = await host.AddSessionAsync(alsoFollowed, LiveSessionStatus.Live);
        await followed.Client.PatchJsonAsync($"/api/v1/videos/{later.Id}", new { visibility = "public" }).OkAsync();

        var feed = await me.Client.AllPagesAsync("/api/v1/me/feed", limit: 100);
        feed.Select(Describe).Should().Equal(
            $"video:{later.Id}", $"live:{onNow}", $"video:{second.Id}", $"live:{pastBroadcast}", $"video:{first.Id}");
        feed.Select(i => i.GetProperty("at").GetDateTime()).Should().BeInDescendingOrder();

        var video = feed[0].GetProperty("video");
        video.GetProperty("title").GetString().Should().Be("made public later");
        video.GetProperty("owner").GetProperty("username").GetString().Should().Be(followed.Username);
        video.GetProperty("likes").GetInt64().Should().Be(0);
        feed[0].TryGetProperty("live", out _).Should().BeFalse("a video entry has no live part");
        var live = feed[1].GetProperty("live");
        live.GetProperty("channel").GetProperty("username").GetString().Should().Be(alsoFollowed.Username);
        live.GetProperty("channel").GetProperty("followers").GetInt64().Should().Be(1);
        live.GetProperty("status").GetString().Should().Be("live");
        feed[3].GetProperty("live").GetProperty("status").GetString().Should().Be("ended");

        (await me.Client.AllPagesAsync("/api/v1/me/feed", limit: 2)).Select(Describe).Should().Equal(feed.Select(Describe), "pages add up to the whole feed");

        await me.Client.FollowAsync(followed.Username, follow: false);
        (await me.Client.AllPagesAsync("/api/v1/me/feed", limit: 100)).Select(Describe).Should().Equal($"live:{onNow}", $"video:{second.Id}");
        (await stranger.Client.GetJsonAsync("/api/v1/me/feed")).GetProperty("items").GetArrayLength().Should().Be(0, "a stranger follows nobody");
        await host.EndSessionsAsync(onNow, strangersBroadcast);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_feed_is_for_signed_in_accounts_and_refuses_bad_cursors(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var me = await host.RegisterAsync("fd");
        using (var anonymous = await host.Client.GetAsync("/api/v1/me/feed"))
        {
            await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        }
        using (var bad = await me.Client.GetAsync("/api/v1/me/feed?cursor=not-a-cursor"))
        {
            await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor.invalid");
        }
        using (var big = await me.Client.GetAsync("/api/v1/me/feed?limit=100000"))
        {
            big.StatusCode.Should().Be(HttpStatusCode.OK, "limits are clamped");
        }
    }

    private static string Describe(JsonElement item) => item.GetProperty("type").GetString() switch
    {
        "video" => $"video:{item.GetProperty("video").GetProperty("id").GetString()}",
        "live" => $"live:{item.GetProperty("live").GetProperty("sessionId").GetString()}",
        var other => $"unexpected:{other}",
    };
}

/// <summary>Broadcast rows made directly (no publisher), for lists that only read them.</summary>
public static class LiveSessionSeeding
{
    public static Task<string> AddSessionAsync(this TestHost host, TestUser owner, LiveSessionStatus status) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            var now = DateTime.UtcNow;
            now = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
            var session = new LiveSession
            {
                Id = Ids.New(),
                UserId = owner.Id,
                Status = status,
                Title = $"{owner.Username} on air",
                Node = "seeded",
                StartedAt = now,
                HeartbeatAt = now,
                EndedAt = status == LiveSessionStatus.Ended ? now : null,
            };
            db.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });

    /// <summary>Ends seeded rows, so the shared host's live lists do not show them to other tests.</summary>
    public static Task EndSessionsAsync(this TestHost host, params string[] sessionIds) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Set<LiveSession>().Where(s => sessionIds.Contains(s.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, LiveSessionStatus.Ended).SetProperty(s => s.EndedAt, DateTime.UtcNow)));
}

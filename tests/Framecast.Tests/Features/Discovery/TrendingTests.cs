using Framecast.Features.Videos;
using Framecast.Tests.Features.Social;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Discovery;

/// <summary>
/// Trending orders public, ready videos by decayed score (half-life 36 h by default: a comment counts 4, halved every
/// 36 h, nothing after 7 days; every video published within the window starts with (1 + views) decayed by its age).
/// A host of its own, so the lists hold exactly this test's videos.
/// </summary>
public sealed class TrendingTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Trending_orders_by_decayed_score_overall_and_per_tag_with_only_public_ready_videos(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var owner = await host.RegisterAsync("trown");
        var old = await host.CreateVideoAsync(owner, "five comments three days ago", tags: ["Music", "live"]);
        var fresh = await host.CreateVideoAsync(owner, "two comments now", tags: ["music"]);
        var halfDay = await host.CreateVideoAsync(owner, "one comment twelve hours ago", tags: ["cooking"]);
        var quiet = await host.CreateVideoAsync(owner, "nothing happened", tags: ["cooking"]);
        var stale = await host.CreateVideoAsync(owner, "a hundred comments eight days ago", tags: ["music"]);
        var hidden = await host.CreateVideoAsync(owner, "private", Visibility.Private, tags: ["music"]);
        var unlisted = await host.CreateVideoAsync(owner, "unlisted", Visibility.Unlisted, tags: ["music"]);
        var processing = await host.CreateVideoAsync(owner, "processing", status: VideoStatus.Processing, tags: ["music"]);

        await host.AddCommentsAsync(old.Id, owner, 5, TimeSpan.FromHours(72));       // 5 × 4 × ¼ + 1 = 6
        await host.AddCommentsAsync(fresh.Id, owner, 2, TimeSpan.Zero);               // 2 × 4 + 1 = 9
        await host.AddCommentsAsync(halfDay.Id, owner, 1, TimeSpan.FromHours(12));   // 4 × 2^(-1/3) + 1 ≈ 4.2
        await host.AddCommentsAsync(stale.Id, owner, 100, TimeSpan.FromDays(8));      // outside the window: 1
        foreach (var invisible in new[] { hidden, unlisted, processing })
        {
            await host.AddCommentsAsync(invisible.Id, owner, 50, TimeSpan.Zero);
        }
        await host.SetVideoAsync(stale.Id, v => v.Views = 1);                         // (1 + 1) decayed: just above quiet
        await host.RecomputeTrendingAsync();

        var overall = await host.Client.VideoIdsAsync("/api/v1/videos/trending");
        overall.Should().Equal(fresh.Id, old.Id, halfDay.Id, stale.Id, quiet.Id);
        (await host.Client.VideoIdsAsync("/api/v1/videos/trending?limit=2")).Should().Equal(fresh.Id, old.Id);
        (await host.Client.VideoIdsAsync("/api/v1/videos/trending?tag=MUSIC")).Should().Equal(fresh.Id, old.Id, stale.Id);
        (await host.Client.VideoIdsAsync("/api/v1/videos/trending?tag=cooking")).Should().Equal(halfDay.Id, quiet.Id);
        (await host.Client.VideoIdsAsync("/api/v1/videos/trending?tag=nothing-like-this")).Should().BeEmpty();

        // A video made private leaves the lists at once, before the next computation.
        await owner.Client.PatchJsonAsync($"/api/v1/videos/{fresh.Id}", new { visibility = "private" }).OkAsync();
        (await host.Client.VideoIdsAsync("/api/v1/videos/trending")).Should().Equal(old.Id, halfDay.Id, stale.Id, quiet.Id);
        await host.RecomputeTrendingAsync();
        (await host.Client.VideoIdsAsync("/api/v1/videos/trending?tag=music")).Should().Equal(old.Id, stale.Id);

        // Two likes now (3 each) lift the quiet video to 7, above the 6 of the three-day-old comments.
        var fan = await host.RegisterAsync("trfan");
        await owner.Client.LikeAsync(quiet.Id);
        await fan.Client.LikeAsync(quiet.Id);
        await host.RecomputeTrendingAsync();
        (await host.Client.VideoIdsAsync("/api/v1/videos/trending")).Should().Equal(quiet.Id, old.Id, halfDay.Id, stale.Id);
    }
}

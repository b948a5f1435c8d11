using System.Net;
using Framecast.Features.Videos;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Discovery;

/// <summary>Related videos: shared tags, the same channel and co-watching first; never the video itself or one the viewer may not see.</summary>
public sealed class RelatedTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Related_ranks_shared_tags_co_watched_and_same_channel_first_and_never_shows_the_video_or_hidden_ones(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("rown");
        var other = await host.RegisterAsync("roth");
        var tagA = $"a{Guid.NewGuid():N}"[..12];
        var tagB = $"b{Guid.NewGuid():N}"[..12];
        var video = await host.CreateVideoAsync(owner, "the video", tags: [tagA, tagB]);
        var bothTags = await host.CreateVideoAsync(other, "both tags", tags: [tagB, tagA]);           // 3 × 2 = 6
        var coWatched = await host.CreateVideoAsync(other, "watched by the same people");            // 5
        var oneTag = await host.CreateVideoAsync(other, "one tag", tags: [tagA.ToUpperInvariant()]);  // 3 (tags compare case-insensitively)
        var sameChannel = await host.CreateVideoAsync(owner, "same channel");                         // 2
        var hidden = await host.CreateVideoAsync(owner, "private", Visibility.Private, tags: [tagA, tagB]);
        var unlisted = await host.CreateVideoAsync(other, "unlisted", Visibility.Unlisted, tags: [tagA, tagB]);
        var failed = await host.CreateVideoAsync(owner, "failed", status: VideoStatus.Failed, tags: [tagA]);
        foreach (var prefix in new[] { "rw1", "rw2" })
        {
            var watcher = await host.RegisterAsync(prefix);
            await watcher.Client.PutProgressAsync(video.Id, 1);
            await watcher.Client.PutProgressAsync(coWatched.Id, 1);
            await watcher.Client.PutProgressAsync(unlisted.Id, 1);
        }

        var related = await host.Client.VideoIdsAsync($"/api/v1/videos/{video.Id}/related");
        related.Take(4).Should().Equal(bothTags.Id, coWatched.Id, oneTag.Id, sameChannel.Id);
        related.Should().NotContain([video.Id, hidden.Id, unlisted.Id, failed.Id]);
        related.Should().OnlyHaveUniqueItems();
        (await owner.Client.VideoIdsAsync($"/api/v1/videos/{video.Id}/related")).Should().NotContain([video.Id, hidden.Id, failed.Id],
            "even the owner is not offered private or unfinished videos as related ones");
        (await host.Client.VideoIdsAsync($"/api/v1/videos/{video.Id}/related?limit=2")).Should().Equal(bothTags.Id, coWatched.Id);

        using var missing = await host.Client.GetAsync($"/api/v1/videos/{hidden.Id}/related");
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_video_with_nothing_in_common_still_gets_other_videos(string provider)
    {
        // Its own catalogue: on a shared host other tests' trending videos fill the list before the newest.
        await using var host = await TestHost.StartAsync(provider);
        var owner = await host.RegisterAsync("rlone");
        var other = await host.RegisterAsync("roth");
        var video = await host.CreateVideoAsync(owner, "alone");
        var newest = await host.CreateVideoAsync(other, "newest elsewhere");

        var related = await host.Client.VideoIdsAsync($"/api/v1/videos/{video.Id}/related?limit=50");
        related.Should().NotBeEmpty().And.NotContain(video.Id).And.Contain(newest.Id, "the newest videos fill the list");
    }
}

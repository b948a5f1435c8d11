using System.Net;
using Framecast.Features.Videos;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Social;

/// <summary>Likes: idempotent, only on videos the caller may see, counted exactly however many arrive at once.</summary>
public sealed class LikesTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Like_and_unlike_are_idempotent_and_the_video_carries_the_count(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("lk");
        var fan = await host.RegisterAsync("fan");
        var video = await host.CreateVideoAsync(owner, "likeable");

        var anonymous = await host.Client.LikeStateAsync(video.Id);
        anonymous.Liked().Should().BeFalse();
        anonymous.Likes().Should().Be(0);

        var liked = await fan.Client.LikeAsync(video.Id);
        liked.Liked().Should().BeTrue();
        liked.Likes().Should().Be(1);
        (await fan.Client.LikeAsync(video.Id)).Likes().Should().Be(1, "a second like of the same account changes nothing");
        (await fan.Client.LikeStateAsync(video.Id)).Liked().Should().BeTrue();
        (await owner.Client.LikeStateAsync(video.Id)).Liked().Should().BeFalse("the state is the caller's");
        (await owner.Client.LikeAsync(video.Id)).Likes().Should().Be(2, "owners may like their own videos");
        (await host.Client.GetJsonAsync($"/api/v1/videos/{video.Id}")).GetProperty("likes").GetInt64().Should().Be(2);

        var unliked = await fan.Client.LikeAsync(video.Id, like: false);
        unliked.Liked().Should().BeFalse();
        unliked.Likes().Should().Be(1);
        (await fan.Client.LikeAsync(video.Id, like: false)).Likes().Should().Be(1, "a second unlike changes nothing");
        (await host.Client.GetJsonAsync($"/api/v1/videos/{video.Id}")).GetProperty("likes").GetInt64().Should().Be(1);
        var listed = await host.Client.GetJsonAsync($"/api/v1/users/{owner.Username}/videos");
        listed.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("id").GetString() == video.Id)
            .GetProperty("likes").GetInt64().Should().Be(1, "lists carry the count too");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_signed_in_accounts_like_and_only_videos_they_may_see(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("lp");
        var other = await host.RegisterAsync("lo");
        var open = await host.CreateVideoAsync(owner, "open");
        var hidden = await host.CreateVideoAsync(owner, "hidden", Visibility.Private);
        var unlisted = await host.CreateVideoAsync(owner, "unlisted", Visibility.Unlisted);

        using (var response = await host.Client.PutAsync($"/api/v1/videos/{open.Id}/like", null))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        }
        using (var response = await host.Client.DeleteAsync($"/api/v1/videos/{open.Id}/like"))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        }
        foreach (var url in new[] { $"/api/v1/videos/{hidden.Id}/like", "/api/v1/videos/NoSuchVideo/like", "/api/v1/videos/..%2F..%2Fetc/like" })
        {
            using (var put = await other.Client.PutAsync(url, null))
            {
                await put.ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
            }
            using (var get = await other.Client.GetAsync(url))
            {
                await get.ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
            }
        }
        (await other.Client.LikeAsync(unlisted.Id)).Likes().Should().Be(1, "an unlisted video is seen by whoever has its link");
        (await owner.Client.LikeAsync(hidden.Id)).Likes().Should().Be(1, "the owner sees their private video");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Counts_stay_exact_under_concurrent_likes_and_unlikes(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("lc");
        var video = await host.CreateVideoAsync(owner, "popular");
        var fans = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => host.RegisterAsync("lf")));

        // 50 likes at once: every fan twice.
        var likes = await Task.WhenAll(fans.Concat(fans).Select(f => f.Client.LikeAsync(video.Id)));
        likes.Should().OnlyContain(l => l.Liked());
        (await host.Client.LikeStateAsync(video.Id)).Likes().Should().Be(25);

        // At once: the first 10 unlike twice, the next 5 like again, the last 10 like and unlike.
        var calls = fans.Take(10).SelectMany(f => new[] { f.Client.LikeAsync(video.Id, like: false), f.Client.LikeAsync(video.Id, like: false) })
            .Concat(fans.Skip(10).Take(5).Select(f => f.Client.LikeAsync(video.Id)))
            .Concat(fans.Skip(15).SelectMany(f => new[] { f.Client.LikeAsync(video.Id), f.Client.LikeAsync(video.Id, like: false) }));
        await Task.WhenAll(calls);
        var states = await Task.WhenAll(fans.Select(f => f.Client.LikeStateAsync(video.Id)));
        var expected = states.Count(s => s.Liked());
        expected.Should().BeInRange(5, 15, "the last 10 each end liked or not, depending on which of their two calls came last");
        (await host.Client.LikeStateAsync(video.Id)).Likes().Should().Be(expected, "the count is the number of likes that exist");
        (await host.Client.GetJsonAsync($"/api/v1/videos/{video.Id}")).GetProperty("likes").GetInt64().Should().Be(expected);
    }
}

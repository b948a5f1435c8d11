using System.Net;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Social;

/// <summary>Follows: idempotent, never of oneself, counted exactly, and listed as the caller's subscriptions.</summary>
public sealed class FollowsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Follow_and_unfollow_are_idempotent_and_self_follow_is_refused(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var channel = await host.RegisterAsync("ch");
        var fan = await host.RegisterAsync("fan");

        var before = await host.Client.SubscriptionAsync(channel.Username);
        before.Following().Should().BeFalse();
        before.Followers().Should().Be(0);

        var followed = await fan.Client.FollowAsync(channel.Username);
        followed.Following().Should().BeTrue();
        followed.Followers().Should().Be(1);
        (await fan.Client.FollowAsync(channel.Username.ToUpperInvariant())).Followers().Should().Be(1, "following again (names are case-insensitive) changes nothing");
        (await fan.Client.SubscriptionAsync(channel.Username)).Following().Should().BeTrue();
        (await channel.Client.SubscriptionAsync(channel.Username)).Following().Should().BeFalse("the state is the caller's");

        using (var self = await channel.Client.PutAsync($"/api/v1/channels/{channel.Username}/subscription", null))
        {
            var problem = await self.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "follow.self");
            problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        }
        using (var unknown = await fan.Client.PutAsync("/api/v1/channels/nobody_by_that_name/subscription", null))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        }
        using (var unknown = await host.Client.GetAsync("/api/v1/channels/NOT%20A%20NAME/subscription"))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        }
        using (var anonymous = await host.Client.PutAsync($"/api/v1/channels/{channel.Username}/subscription", null))
        {
            await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        }

        var unfollowed = await fan.Client.FollowAsync(channel.Username, follow: false);
        unfollowed.Following().Should().BeFalse();
        unfollowed.Followers().Should().Be(0);
        (await fan.Client.FollowAsync(channel.Username, follow: false)).Followers().Should().Be(0, "a second unfollow changes nothing");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Follower_counts_stay_exact_under_concurrent_follows_and_unfollows(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var channel = await host.RegisterAsync("cc");
        var fans = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => host.RegisterAsync("cf")));

        await Task.WhenAll(fans.Concat(fans).Select(f => f.Client.FollowAsync(channel.Username)));
        (await host.Client.SubscriptionAsync(channel.Username)).Followers().Should().Be(25);

        await Task.WhenAll(fans.Take(10).SelectMany(f => new[] { f.Client.FollowAsync(channel.Username, false), f.Client.FollowAsync(channel.Username, false) })
            .Concat(fans.Skip(10).Select(f => f.Client.FollowAsync(channel.Username))));
        (await host.Client.SubscriptionAsync(channel.Username)).Followers().Should().Be(15);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task My_subscriptions_list_the_channels_I_follow_latest_first_in_pages(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var me = await host.RegisterAsync("me");
        var other = await host.RegisterAsync("oth");
        var channels = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            var channel = await host.RegisterAsync($"sub{i}");
            channels.Add(channel);
            await me.Client.FollowAsync(channel.Username);
        }
        await other.Client.FollowAsync(channels[0].Username);
        await other.Client.FollowAsync(me.Username);

        var items = await me.Client.AllPagesAsync("/api/v1/me/subscriptions", limit: 2);
        items.Select(i => i.GetProperty("username").GetString()).Should().Equal(channels.Select(c => c.Username).Reverse());
        items.Last().GetProperty("followers").GetInt64().Should().Be(2, "the first channel has two followers");
        items.First().GetProperty("followers").GetInt64().Should().Be(1);
        items.Should().OnlyContain(i => !i.GetProperty("live").GetBoolean());
        items.Select(i => i.GetProperty("followedAt").GetDateTime()).Should().BeInDescendingOrder();

        var theirs = await other.Client.GetJsonAsync("/api/v1/me/subscriptions");
        theirs.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("username").GetString())
            .Should().Equal([me.Username, channels[0].Username], "each account sees only what it follows");

        using (var anonymous = await host.Client.GetAsync("/api/v1/me/subscriptions"))
        {
            await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        }
        using (var bad = await me.Client.GetAsync("/api/v1/me/subscriptions?cursor=garbage!"))
        {
            await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor.invalid");
        }
    }
}

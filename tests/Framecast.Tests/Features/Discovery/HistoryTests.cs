using System.Net;
using System.Net.Http.Json;
using Framecast.Features.Videos;
using Framecast.Tests.Features.Social;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Discovery;

/// <summary>Watch history: one row per account and video, clamped to the video's length, only visible videos, removable, pausable.</summary>
public sealed class HistoryTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Progress_is_upserted_once_per_video_and_clamped_to_its_length(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("hown");
        var me = await host.RegisterAsync("hme");
        var video = await host.CreateVideoAsync(owner, "hundred seconds");
        await host.SetVideoAsync(video.Id, v => v.DurationSeconds = 100);

        await me.Client.PutProgressAsync(video.Id, 30);
        var history = await me.Client.HistoryAsync();
        history.Should().ContainSingle();
        history[0].GetProperty("video").GetProperty("id").GetString().Should().Be(video.Id);
        history[0].GetProperty("video").GetProperty("owner").GetProperty("username").GetString().Should().Be(owner.Username);
        history[0].GetProperty("positionSeconds").GetDouble().Should().Be(30);
        history[0].GetProperty("progress").GetDouble().Should().BeApproximately(0.3, 1e-9);
        var firstWatch = history[0].GetProperty("watchedAt").GetDateTime();

        await me.Client.PutProgressAsync(video.Id, 500);
        history = await me.Client.HistoryAsync();
        history.Should().ContainSingle("one row per account and video");
        history[0].GetProperty("positionSeconds").GetDouble().Should().Be(100, "a position past the end is the end");
        history[0].GetProperty("progress").GetDouble().Should().Be(1);
        history[0].GetProperty("watchedAt").GetDateTime().Should().BeOnOrAfter(firstWatch);

        await me.Client.PutProgressAsync(video.Id, -4);
        (await me.Client.HistoryAsync())[0].GetProperty("positionSeconds").GetDouble().Should().Be(0);

        using (var missing = await me.Client.PutAsJsonAsync($"/api/v1/videos/{video.Id}/progress", new { }))
        {
            await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }
        using (var anonymous = await host.Client.PutAsJsonAsync($"/api/v1/videos/{video.Id}/progress", new { positionSeconds = 3 }))
        {
            await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        }
        var hidden = await host.CreateVideoAsync(owner, "private", Visibility.Private);
        using (var invisible = await me.Client.PutAsJsonAsync($"/api/v1/videos/{hidden.Id}/progress", new { positionSeconds = 3 }))
        {
            await invisible.ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task History_lists_newest_first_and_entries_can_be_removed_and_cleared(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("hown");
        var me = await host.RegisterAsync("hme");
        var first = await host.CreateVideoAsync(owner, "first");
        var second = await host.CreateVideoAsync(owner, "second");
        var third = await host.CreateVideoAsync(owner, "third");
        await me.Client.PutProgressAsync(first.Id, 1);
        await me.Client.PutProgressAsync(second.Id, 1);
        await me.Client.PutProgressAsync(third.Id, 1);
        await me.Client.PutProgressAsync(first.Id, 2);

        (await Ids(me)).Should().Equal(first.Id, third.Id, second.Id);
        (await me.Client.AllPagesAsync("/api/v1/me/history", limit: 1)).Select(i => i.GetProperty("video").GetProperty("id").GetString())
            .Should().Equal(first.Id, third.Id, second.Id);

        await me.Client.DeleteAsync($"/api/v1/me/history/{third.Id}").OkAsync();
        (await Ids(me)).Should().Equal(first.Id, second.Id);
        await me.Client.DeleteAsync("/api/v1/me/history").OkAsync();
        (await Ids(me)).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_paused_history_records_nothing(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("hown");
        var me = await host.RegisterAsync("hme");
        var video = await host.CreateVideoAsync(owner);
        (await me.Client.GetJsonAsync("/api/v1/me/history/settings")).GetProperty("paused").GetBoolean().Should().BeFalse();

        using (var pause = await me.Client.PutAsJsonAsync("/api/v1/me/history/settings", new { paused = true }))
        {
            (await pause.ShouldBeJsonAsync()).GetProperty("paused").GetBoolean().Should().BeTrue();
        }
        (await me.Client.GetJsonAsync("/api/v1/me/history/settings")).GetProperty("paused").GetBoolean().Should().BeTrue();
        await me.Client.PutProgressAsync(video.Id, 10);
        (await Ids(me)).Should().BeEmpty("nothing is recorded while history is paused");

        await me.Client.PutAsJsonAsync("/api/v1/me/history/settings", new { paused = false }).OkAsync();
        await me.Client.PutProgressAsync(video.Id, 10);
        (await Ids(me)).Should().Equal(video.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_video_made_private_leaves_others_histories_but_not_its_owners(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("hown");
        var me = await host.RegisterAsync("hme");
        var video = await host.CreateVideoAsync(owner);
        var other = await host.CreateVideoAsync(owner);
        await me.Client.PutProgressAsync(video.Id, 3);
        await me.Client.PutProgressAsync(other.Id, 3);
        await owner.Client.PutProgressAsync(video.Id, 3);

        await owner.Client.PatchJsonAsync($"/api/v1/videos/{video.Id}", new { visibility = "private" }).OkAsync();
        (await Ids(me)).Should().Equal(other.Id);
        (await Ids(owner)).Should().Equal(video.Id);
    }

    private static async Task<List<string?>> Ids(TestUser user) =>
        (await user.Client.HistoryAsync()).Select(i => i.GetProperty("video").GetProperty("id").GetString()).ToList();
}

using System.Net;
using System.Net.Http.Json;
using Dapper;
using Framecast.Tests.Features.Chat;
using Framecast.Tests.Features.Wallet;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Gifts;

/// <summary>Gifts during a real broadcast (RTMP from ffmpeg): the room hears them, the channel earns, the leaderboard ranks.</summary>
public sealed class LiveGiftTests(ChatLiveFixture live) : IClassFixture<ChatLiveFixture>
{
    private TestHost Host => live.Host;

    [Fact]
    public async Task A_gift_sent_during_a_broadcast_reaches_every_viewer_and_the_channel_earns_its_share()
    {
        var alice = await Host.RegisterAsync("alice");
        var carol = await Host.RegisterAsync("carol");
        await live.Admin.GrantAsync(alice.Username, 100);
        await live.Admin.GrantAsync(carol.Username, 100);
        var (watcher, _) = await Host.JoinLiveAsync(null, live.SessionId, "anonymous watcher");
        await using var _w = watcher;
        var catalog = await (await Host.Client.GetAsync("/api/v1/gifts")).ShouldBeJsonAsync();
        var rose = catalog.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Rose");
        rose.GetProperty("priceCoins").GetInt64().Should().Be(10, "the seeded catalogue has a 10-coin rose");
        rose.GetProperty("imageUrl").GetString().Should().Be("/img/gifts/rose.svg");
        (await Host.Client.GetAsync("/img/gifts/rose.svg")).StatusCode.Should().Be(HttpStatusCode.OK);
        var earnedBefore = await live.Owner.EarnedAsync();

        var sent = await (await alice.SendGiftAsync($"live/{live.SessionId}", rose.GetProperty("id").GetString()!, 3)).ShouldBeJsonAsync(HttpStatusCode.Created);
        await (await carol.SendGiftAsync($"live/{live.SessionId}", rose.GetProperty("id").GetString()!, 1)).ShouldBeJsonAsync(HttpStatusCode.Created);

        sent.GetProperty("sessionId").GetString().Should().Be(live.SessionId);
        sent.GetProperty("totalCoins").GetInt64().Should().Be(30);
        sent.GetProperty("balanceCoins").GetInt64().Should().Be(70);
        var heard = await watcher.WaitForAsync("gift", g => g.GetProperty("id").GetString() == sent.GetProperty("id").GetString(), "the watcher hears alice's gift");
        heard.GetProperty("sender").GetProperty("username").GetString().Should().Be(alice.Username);
        heard.GetProperty("gift").GetProperty("name").GetString().Should().Be("Rose");
        heard.GetProperty("gift").GetProperty("imageUrl").GetString().Should().Be("/img/gifts/rose.svg");
        heard.GetProperty("count").GetInt32().Should().Be(3);
        heard.GetProperty("totalCoins").GetInt64().Should().Be(30);
        (await live.Owner.EarnedAsync()).Should().Be(earnedBefore + 21 + 7, "70% of 30 and of 10");

        var board = await (await Host.Client.GetAsync($"/api/v1/live/{live.SessionId}/gifts/leaderboard")).ShouldBeJsonAsync();
        var rows = board.GetProperty("items").EnumerateArray().ToList();
        var names = rows.Select(r => r.GetProperty("user").GetProperty("username").GetString()).ToList();
        names.IndexOf(alice.Username).Should().BeLessThan(names.IndexOf(carol.Username), "alice gave more");
        rows.Single(r => r.GetProperty("user").GetProperty("username").GetString() == alice.Username).GetProperty("totalCoins").GetInt64().Should().Be(30);

        var recent = await (await Host.Client.GetAsync($"/api/v1/live/{live.SessionId}/gifts?limit=100")).ShouldBeJsonAsync();
        recent.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetString()).Should().Contain(sent.GetProperty("id").GetString());

        var jobs = await Host.SqlAsync(c => c.QueryAsync<string>("SELECT payload FROM jobs WHERE type = 'gift.received'"));
        jobs.Should().Contain(p => p.Contains(sent.GetProperty("id").GetString()!), "whoever notifies the channel hears of the gift through a job");

        await (await live.Owner.SendGiftAsync($"live/{live.SessionId}", rose.GetProperty("id").GetString()!, 1))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "gift.self");
        await (await alice.SendGiftAsync("live/nosuchlive1", rose.GetProperty("id").GetString()!, 1)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.not_found");
    }

    [Fact]
    public async Task Admins_keep_the_catalogue_and_unsafe_images_are_refused()
    {
        var created = await (await live.Admin.Client.PostAsJsonAsync("/api/v1/admin/gifts", new { name = "Comet <b>", priceCoins = 25, imageUrl = "/img/gifts/star.svg" }))
            .ShouldBeJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        created.GetProperty("name").GetString().Should().Be("Comet <b>", "names are data; pages encode them");
        foreach (var bad in new[] { "javascript:alert(1)", "//evil.example/x.png", "http://plain.example/x.png", "data:image/svg+xml,<svg/>" })
        {
            await (await live.Admin.Client.PostAsJsonAsync("/api/v1/admin/gifts", new { name = "Bad", priceCoins = 5, imageUrl = bad }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }
        await (await live.Admin.Client.PostAsJsonAsync("/api/v1/admin/gifts", new { name = "Free", priceCoins = 0 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        (await live.Owner.Client.PostAsJsonAsync("/api/v1/admin/gifts", new { name = "Mine", priceCoins = 1 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var patched = await (await live.Admin.Client.PatchAsJsonAsync($"/api/v1/admin/gifts/{id}", new { priceCoins = 30 })).ShouldBeJsonAsync();
        patched.GetProperty("priceCoins").GetInt64().Should().Be(30);
        (await live.Admin.Client.DeleteAsync($"/api/v1/admin/gifts/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var catalog = await (await Host.Client.GetAsync("/api/v1/gifts")).ShouldBeJsonAsync();
        catalog.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetString()).Should().NotContain(id, "a retired gift leaves the catalogue");
        var all = await (await live.Admin.Client.GetAsync("/api/v1/admin/gifts")).ShouldBeJsonAsync();
        all.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("id").GetString() == id).GetProperty("active").GetBoolean().Should().BeFalse();
    }
}

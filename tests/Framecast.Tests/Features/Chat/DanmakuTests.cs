using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Framecast.Features.Videos;
using Framecast.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace Framecast.Tests.Features.Chat;

/// <summary>A host whose per-video danmaku pool is small (5), so that the cap can be seen with a handful of posts.</summary>
public sealed class DanmakuHostFixture : IAsyncLifetime
{
    public const int PoolSize = 5;

    public TestHost Host { get; private set; } = null!;
    public TestUser Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync("sqlite", settings: new Dictionary<string, string?>
        {
            ["Chat:DanmakuPoolSize"] = PoolSize.ToString(CultureInfo.InvariantCulture),
        });
        Admin = await Host.CreateAdminAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Danmaku on videos: posted at a playback offset, fetched by half-open time window, capped per video (the newest
/// pool), validated, live to everyone watching, deleted for everyone, exported as Bilibili XML that round-trips.
/// </summary>
public sealed class DanmakuTests(DanmakuHostFixture fixture) : IClassFixture<DanmakuHostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Danmaku_are_fetched_by_half_open_window_ordered_by_offset()
    {
        var owner = await Host.RegisterAsync("dmwin");
        var videoId = await Host.CreateVideoAsync(owner, seconds: 60);
        // Several accounts, so the per-account rate limit stays out of the way (the pool is 5: post 5).
        var offsets = new long[] { 2000, 0, 999, 1999, 1000 };
        foreach (var offset in offsets)
        {
            var poster = await Host.RegisterAsync("dmp");
            var item = await poster.Client.PostDanmakuOkAsync(videoId, offset, $"at {offset}");
            item.GetProperty("offsetMs").GetInt64().Should().Be(offset);
            item.Str("videoId").Should().Be(videoId);
            item.Str("mode").Should().Be("scroll");
            item.Str("color").Should().Be("#ffffff");
            item.Str("size").Should().Be("normal");
            item.GetProperty("author").Str("username").Should().Be(poster.Username);
        }

        (await Host.Client.DanmakuAsync(videoId)).Select(d => d.GetProperty("offsetMs").GetInt64()).Should().Equal(0, 999, 1000, 1999, 2000);
        (await Host.Client.DanmakuAsync(videoId, "?fromMs=1000&toMs=2000")).Select(d => d.GetProperty("offsetMs").GetInt64())
            .Should().Equal([1000L, 1999L], "from is included, to is not");
        (await Host.Client.DanmakuAsync(videoId, "?fromMs=0&toMs=1000")).Select(d => d.Str("text")).Should().Equal("at 0", "at 999");
        (await Host.Client.DanmakuAsync(videoId, "?fromMs=2000&toMs=3000")).Select(d => d.Str("text")).Should().Equal("at 2000");
        (await Host.Client.DanmakuAsync(videoId, "?fromMs=1500")).Select(d => d.GetProperty("offsetMs").GetInt64()).Should().Equal(1999, 2000);
        (await Host.Client.DanmakuAsync(videoId, "?toMs=999")).Select(d => d.GetProperty("offsetMs").GetInt64()).Should().Equal(0);
        (await Host.Client.DanmakuAsync(videoId, "?fromMs=3000&toMs=4000")).Should().BeEmpty();

        using (var response = await Host.Client.GetAsync($"/api/v1/videos/{videoId}/danmaku?fromMs=0&toMs={10 * 60 * 1000 + 1}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a window is at most 10 minutes: " + await response.Content.ReadAsStringAsync());
        }
        (await Host.Client.DanmakuAsync(videoId, $"?fromMs=0&toMs={10 * 60 * 1000}")).Should().HaveCount(5, "exactly 10 minutes is allowed");
        using (var response = await Host.Client.GetAsync($"/api/v1/videos/{videoId}/danmaku?fromMs=2000&toMs=1000"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a window that ends before it starts");
        }
    }

    [Fact]
    public async Task The_pool_keeps_only_the_newest_danmaku_of_a_video()
    {
        var owner = await Host.RegisterAsync("dmpool");
        var videoId = await Host.CreateVideoAsync(owner, seconds: 60);
        var otherVideo = await Host.CreateVideoAsync(owner, seconds: 60);
        var posted = new List<string>();
        for (var i = 0; i < DanmakuHostFixture.PoolSize + 2; i++)
        {
            var poster = await Host.RegisterAsync("pool");
            // Offsets decrease, so "newest" (by posting) and "latest in the video" disagree.
            posted.Add((await poster.Client.PostDanmakuOkAsync(videoId, 10_000 - i * 1000, $"pool {i}")).Id());
        }
        await (await Host.RegisterAsync("pool")).Client.PostDanmakuOkAsync(otherVideo, 500, "elsewhere");

        var pool = await Host.Client.DanmakuAsync(videoId);
        pool.Select(d => d.Id()).Should().BeEquivalentTo(posted.Skip(2), "the oldest two stop showing once the pool (5) is full");
        pool.Select(d => d.GetProperty("offsetMs").GetInt64()).Should().BeInAscendingOrder();
        (await Host.Client.DanmakuAsync(otherVideo)).Should().ContainSingle("the cap is per video");
        var xml = XDocument.Parse(await Host.Client.GetStringAsync($"/api/v1/videos/{videoId}/danmaku.xml"));
        xml.Root!.Elements("d").Should().HaveCount(DanmakuHostFixture.PoolSize, "the export is the pool too");
    }

    [Fact]
    public async Task Danmaku_are_validated_as_400_problems()
    {
        var owner = await Host.RegisterAsync("dmval");
        var videoId = await Host.CreateVideoAsync(owner, seconds: 30);
        var cases = new (object Body, string Why)[]
        {
            (new { offsetMs = 1000, text = "" }, "empty text"),
            (new { offsetMs = 1000, text = "    " }, "blank text"),
            (new { offsetMs = 1000, text = new string('a', 201) }, "201 characters"),
            (new { offsetMs = 1000, text = "hi", color = "#123456" }, "a colour outside the palette"),
            (new { offsetMs = 1000, text = "hi", color = "white" }, "not a colour"),
            (new { offsetMs = 1000, text = "hi", mode = "reverse" }, "an unknown mode"),
            (new { offsetMs = 1000, text = "hi", size = "huge" }, "an unknown size"),
            (new { offsetMs = -1, text = "hi" }, "before the video"),
            (new { offsetMs = 30_001, text = "hi" }, "after the end of the 30 s video"),
        };
        foreach (var (body, why) in cases)
        {
            // One account per refusal: whether refusals count towards the rate limit is not this test's business.
            var poster = await Host.RegisterAsync("dmv");
            using var response = await poster.Client.PostAsJsonAsync($"/api/v1/videos/{videoId}/danmaku", body);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{why}: {text}");
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", why);
        }
        (await Host.Client.DanmakuAsync(videoId)).Should().BeEmpty("nothing refused was stored");

        var edge = await Host.RegisterAsync("dme");
        (await edge.Client.PostDanmakuOkAsync(videoId, 30_000, " " + new string('b', 200) + " ")).Str("text").Should().Be(new string('b', 200));
        (await (await Host.RegisterAsync("dme")).Client.PostDanmakuOkAsync(videoId, 0, "start")).GetProperty("offsetMs").GetInt64().Should().Be(0);

        using (var response = await Host.Client.PostDanmakuAsync(videoId, 1000, "anonymous"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        using (var response = await edge.Client.PostDanmakuAsync("no-such-video", 1000, "where"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        var secret = await Host.CreateVideoAsync(owner, seconds: 30, Visibility.Private);
        using (var response = await (await Host.RegisterAsync("dmx")).Client.PostDanmakuAsync(secret, 1000, "peek"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, "someone else's private video does not exist for the caller");
        }
        using (var response = await Host.Client.GetAsync($"/api/v1/videos/{secret}/danmaku"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Danmaku_posted_while_others_watch_arrive_live_by_hub_and_REST()
    {
        var owner = await Host.RegisterAsync("dmlive");
        var videoId = await Host.CreateVideoAsync(owner, seconds: 60);
        var poster = await Host.RegisterAsync("dmsend");
        await using var sender = await Host.ConnectAsync(poster);
        await using var watcher = await Host.ConnectAsync(null, "watcher");
        var room = await watcher.JoinVideoAsync(videoId);
        room.Str("room").Should().Be($"video:{videoId}");
        room.GetProperty("canSend").GetBoolean().Should().BeFalse("anonymous");
        (await sender.JoinVideoAsync(videoId)).GetProperty("canSend").GetBoolean().Should().BeTrue();

        var sent = (await sender.SendDanmakuAsync(videoId, 3000, "at 0:03", "top", "#00cd00", "large")).ShouldBeItem();
        var received = await watcher.WaitForAsync("danmaku", d => d.Id() == sent.Id(), "the danmaku sent by hub");
        received.GetProperty("offsetMs").GetInt64().Should().Be(3000);
        received.Str("mode").Should().Be("top");
        received.Str("color").Should().Be("#00cd00");
        received.Str("size").Should().Be("large");
        received.Str("videoId").Should().Be(videoId);
        await sender.WaitForAsync("danmaku", d => d.Id() == sent.Id(), "the sender's own item");

        var byRest = await poster.Client.PostDanmakuOkAsync(videoId, 4500, "by rest", "bottom", "#9b9b9b", "small");
        (await watcher.WaitForAsync("danmaku", d => d.Id() == byRest.Id(), "the danmaku posted by REST")).Str("size").Should().Be("small");

        (await watcher.SendDanmakuAsync(videoId, 1000, "anonymous")).ShouldBeError(401, "auth.required");
        (await sender.SendDanmakuAsync(videoId, 1000, "")).GetProperty("error").GetProperty("status").GetInt32().Should().Be(400);
        (await Host.Client.DanmakuAsync(videoId)).Select(d => d.Id()).Should().Equal(sent.Id(), byRest.Id());
    }

    [Fact]
    public async Task Joining_a_video_the_caller_cannot_see_is_refused()
    {
        var owner = await Host.RegisterAsync("dmpriv");
        var secret = await Host.CreateVideoAsync(owner, seconds: 10, Visibility.Private);
        await using var stranger = await Host.ConnectAsync(await Host.RegisterAsync("dmpeek"));
        var join = () => stranger.JoinVideoAsync(secret);
        (await join.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("video.not_found");
        var unknown = () => stranger.JoinVideoAsync("no-such-video");
        (await unknown.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("video.not_found");
        await using var ownerClient = await Host.ConnectAsync(owner);
        (await ownerClient.JoinVideoAsync(secret)).Str("room").Should().Be($"video:{secret}", "the owner sees their private video");
    }

    [Fact]
    public async Task Deleting_danmaku_reaches_everyone_watching_and_only_the_author_owner_moderator_or_admin_may()
    {
        var owner = await Host.RegisterAsync("dmdel");
        var videoId = await Host.CreateVideoAsync(owner, seconds: 60);
        var author = await Host.RegisterAsync("dmauthor");
        var stranger = await Host.RegisterAsync("dmstr");
        var moderator = await Host.RegisterAsync("dmmod");
        (await owner.Client.NameModeratorAsync(owner.Username, moderator.Username)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await using var watcher = await Host.ConnectAsync(null, "watcher");
        await watcher.JoinVideoAsync(videoId);
        await using var other = await Host.ConnectAsync(stranger);
        await other.JoinVideoAsync(videoId);

        var target = await author.Client.PostDanmakuOkAsync(videoId, 1000, "delete me");
        (await stranger.Client.DeleteAsync($"/api/v1/danmaku/{target.Id()}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Host.Client.DeleteAsync($"/api/v1/danmaku/{target.Id()}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Host.Client.DanmakuAsync(videoId)).Should().Contain(d => d.Id() == target.Id());

        var deleters = new[] { (author, "its author"), (owner, "the video's owner"), (moderator, "a moderator of the channel"), (fixture.Admin, "an admin") };
        var ids = new List<string>();
        foreach (var (who, label) in deleters)
        {
            var id = ids.Count == 0 ? target.Id() : (await author.Client.PostDanmakuOkAsync(videoId, 1000 + ids.Count, $"delete me {ids.Count}")).Id();
            ids.Add(id);
            using var response = await who.Client.DeleteAsync($"/api/v1/danmaku/{id}");
            response.StatusCode.Should().Be(HttpStatusCode.NoContent, $"{label} may delete: {await response.Content.ReadAsStringAsync()}");
            foreach (var client in new[] { watcher, other })
            {
                var deleted = await client.WaitForAsync("deleted", d => d.Str("id") == id, $"the deletion by {label}");
                deleted.Str("kind").Should().Be("danmaku");
                deleted.Str("videoId").Should().Be(videoId);
            }
        }
        (await Host.Client.DanmakuAsync(videoId)).Should().NotContain(d => ids.Contains(d.Id()));
        (await Host.Client.GetStringAsync($"/api/v1/videos/{videoId}/danmaku.xml")).Should().NotContain("delete me");
        (await author.Client.DeleteAsync($"/api/v1/danmaku/{target.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_XML_export_parses_and_round_trips_offsets_modes_sizes_colours_and_text()
    {
        var owner = await Host.RegisterAsync("dmxml");
        var videoId = await Host.CreateVideoAsync(owner, seconds: 120);
        var posts = new (long OffsetMs, string Text, string Mode, string Color, string Size)[]
        {
            (0, "plain start", "scroll", "#ffffff", "normal"),
            (1234, "a < b && c > d", "top", "#fe0302", "small"),
            (65_432, "\"quoted\" 'single' 🎉 emoji 弹幕", "bottom", "#4266be", "large"),
            (119_999, "<d p=\"1,1,25,0\">injected</d>]]>", "scroll", "#222222", "normal"),
            (42, ChatKit.XssStrings[0], "top", "#89d5ff", "normal"),
        };
        var posted = new List<JsonElement>();
        foreach (var (offset, text, mode, color, size) in posts)
        {
            posted.Add(await (await Host.RegisterAsync("xmlp")).Client.PostDanmakuOkAsync(videoId, offset, text, mode, color, size));
        }

        using var response = await Host.Client.GetAsync($"/api/v1/videos/{videoId}/danmaku.xml");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().BeOneOf("application/xml", "text/xml");
        var body = await response.Content.ReadAsStringAsync();
        var document = XDocument.Parse(body);
        document.Root!.Name.LocalName.Should().Be("i");
        var elements = document.Root.Elements("d").ToList();
        elements.Should().HaveCount(posts.Length, body);

        var modeCodes = new Dictionary<string, int> { ["scroll"] = 1, ["top"] = 5, ["bottom"] = 4 };
        var sizeCodes = new Dictionary<string, int> { ["small"] = 18, ["normal"] = 25, ["large"] = 36 };
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var (post, item) in posts.Zip(posted))
        {
            var element = elements.SingleOrDefault(e => e.Value == post.Text);
            element.Should().NotBeNull($"the text '{post.Text}' comes back as it was sent: {body}");
            var p = element!.Attribute("p")!.Value.Split(',');
            p.Length.Should().BeGreaterThanOrEqualTo(8, element.ToString());
            double.Parse(p[0], CultureInfo.InvariantCulture).Should().BeApproximately(post.OffsetMs / 1000.0, 0.0005, "the time in seconds, to the millisecond");
            int.Parse(p[1], CultureInfo.InvariantCulture).Should().Be(modeCodes[post.Mode], post.Mode);
            int.Parse(p[2], CultureInfo.InvariantCulture).Should().Be(sizeCodes[post.Size], post.Size);
            int.Parse(p[3], CultureInfo.InvariantCulture).Should().Be(Convert.ToInt32(post.Color[1..], 16), post.Color);
            long.Parse(p[4], CultureInfo.InvariantCulture).Should().BeInRange(now - 600, now + 60, "the unix time it was sent");
            p[^1].Should().Be(item.Id(), "the last field is the danmaku's id");
        }
        body.Should().NotContain("<d p=\"1,1,25,0\">injected", "markup in text is escaped, never interpreted");
    }

    [Fact]
    public async Task Attack_strings_in_danmaku_come_back_verbatim_by_REST_hub_and_XML()
    {
        var owner = await Host.RegisterAsync("dmxss");
        var videoId = await Host.CreateVideoAsync(owner, seconds: 60);
        await using var watcher = await Host.ConnectAsync(null, "watcher");
        await watcher.JoinVideoAsync(videoId);
        var ids = new Dictionary<string, string>();
        foreach (var (xss, i) in ChatKit.XssStrings.Take(DanmakuHostFixture.PoolSize).Select((x, i) => (x, i)))
        {
            var item = await (await Host.RegisterAsync("xss")).Client.PostDanmakuOkAsync(videoId, 1000 * (i + 1), xss);
            item.Str("text").Should().Be(xss);
            ids[item.Id()] = xss;
            (await watcher.WaitForAsync("danmaku", d => d.Id() == item.Id(), "the attack string")).Str("text").Should().Be(xss);
        }
        using var response = await Host.Client.GetAsync($"/api/v1/videos/{videoId}/danmaku");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        foreach (var d in (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray())
        {
            d.Str("text").Should().Be(ids[d.Id()]);
        }
        var xml = XDocument.Parse(await Host.Client.GetStringAsync($"/api/v1/videos/{videoId}/danmaku.xml"));
        xml.Root!.Elements("d").Select(e => e.Value).Should().BeEquivalentTo(ids.Values);
        xml.Root.Elements("d").Should().OnlyContain(e => !e.HasElements, "no markup from the text became an element");
        xml.Root.Descendants().Select(e => e.Name.LocalName).Distinct().Should().BeSubsetOf(
            ["chatserver", "chatid", "mission", "maxlimit", "state", "real_name", "source", "d"], "Bilibili's header elements and d, nothing from the text");
    }

    [Fact]
    public async Task Blocked_words_of_the_channel_apply_to_danmaku_on_its_videos()
    {
        var owner = await Host.RegisterAsync("dmblock");
        var videoId = await Host.CreateVideoAsync(owner, seconds: 60);
        await owner.SetChatSettingsAsync(blockedWords: ["Forbidden"]);
        using (var response = await (await Host.RegisterAsync("dmb")).Client.PostDanmakuAsync(videoId, 1000, "this is FORBIDDEN fruit"))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "chat.blocked_word");
        }
        await (await Host.RegisterAsync("dmb")).Client.PostDanmakuOkAsync(videoId, 1000, "this is fine");
    }

    [Fact]
    public async Task A_danmaku_can_be_reported()
    {
        var owner = await Host.RegisterAsync("dmrep");
        var videoId = await Host.CreateVideoAsync(owner, seconds: 60);
        var item = await (await Host.RegisterAsync("dmr")).Client.PostDanmakuOkAsync(videoId, 1000, "report me");
        using var response = await owner.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "danmaku", targetId = item.Id(), reason = "rude" });
        (await response.ShouldBeJsonAsync(HttpStatusCode.Created)).Str("id").Should().NotBeNullOrEmpty();
    }
}

using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>GET /api/v1/live: live and reconnecting broadcasts as sessions, from the first keyframe until the end; its cursors.</summary>
public sealed class LiveListTests
{
    [Fact]
    public async Task A_broadcast_is_listed_within_3_s_of_its_first_keyframe_stays_while_reconnecting_and_leaves_once_ended()
    {
        await using var host = await LiveTestKit.StartHostAsync();
        var owner = await host.RegisterAsync("listed");
        var key = await owner.PatchLiveAsync(new { title = "Listed broadcast" });
        (await host.Client.ListLiveAsync()).Items().Should().BeEmpty("nobody is live yet");
        await using var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), key, seconds: 6);
        try
        {
            // The first keyframe has arrived once the ingest knows the picture's size.
            await Eventually.TrueAsync(async () => (await owner.BroadcastAsync()) is { } b && b.GetProperty("health").GetProperty("width").ValueKind == JsonValueKind.Number,
                "the first keyframe arrives", LiveTestKit.Patience);
            JsonElement? listed = null;
            await Eventually.TrueAsync(async () => (listed = Find(await host.Client.ListLiveAsync(), owner.Username)) is not null,
                "the broadcast is listed", TimeSpan.FromSeconds(3));

            var broadcast = (await owner.BroadcastAsync())!.Value;
            var item = listed!.Value;
            item.GetProperty("sessionId").GetString().Should().Be(broadcast.GetProperty("sessionId").GetString());
            item.Username().Should().Be(owner.Username);
            item.GetProperty("title").GetString().Should().Be("Listed broadcast");
            item.GetProperty("status").GetString().Should().Be("live");
            item.GetProperty("startedAt").GetDateTime().Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromSeconds(30));
            item.GetProperty("endedAt").ValueKind.Should().Be(JsonValueKind.Null);
            item.Viewers().Should().BeGreaterOrEqualTo(0);
            item.PeakViewers().Should().BeGreaterOrEqualTo(item.Viewers());
            item.GetProperty("thumbnailUrl").ValueKind.Should().BeOneOf(JsonValueKind.Null, JsonValueKind.String);
            item.GetProperty("hlsUrl").GetString().Should().Be($"/live/{owner.Username}/master.m3u8");
            item.GetProperty("recordingVideoId").ValueKind.Should().Be(JsonValueKind.Null, "nothing is recorded before the end");
            (item.TryGetProperty("health", out var health) ? health.ValueKind : JsonValueKind.Null).Should().Be(JsonValueKind.Null, "ingest health is the owner's");

            // The encoder stops: the broadcast waits for it, and stays listed as reconnecting.
            (await publisher.ExitAsync(LiveProductKit.ExitWithin)).Should().Be(0);
            await Eventually.TrueAsync(async () => Find(await host.Client.ListLiveAsync(), owner.Username)?.GetProperty("status").GetString() == "reconnecting",
                "the list says the broadcast is reconnecting", LiveTestKit.Patience);
            LiveProductKit.LiveCardOf(await host.Client.PageAsync("/live"), owner.Username).Should().NotBeNull().And.Contain("reconnecting", "the live page says so too");

            using var end = await owner.Client.PostAsync("/api/v1/me/live/end", null);
            end.StatusCode.Should().Be(HttpStatusCode.NoContent);
            await Eventually.TrueAsync(async () => Find(await host.Client.ListLiveAsync(), owner.Username) is null,
                "the ended broadcast leaves the list", LiveTestKit.Patience);
            (await host.Client.ListLiveAsync()).Items().Should().BeEmpty();
            (await host.Client.ChannelLiveAsync(owner.Username)).Should().BeNull();
        }
        finally
        {
            await owner.EndQuietlyAsync();
        }
    }

    [Fact]
    public async Task Cursors_the_list_did_not_give_out_are_400_and_limits_are_clamped()
    {
        var host = await SharedHosts.GetAsync("sqlite");

        foreach (var cursor in new[] { "nope", "!!!", Cursor("live:-1"), Cursor("live:abc"), Cursor("video:1"), Cursor("live:100001"), new string('A', 200) })
        {
            using var response = await host.Client.GetAsync($"/api/v1/live?cursor={Uri.EscapeDataString(cursor)}");
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }
        await (await host.Client.GetAsync("/api/v1/live?limit=abc")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        foreach (var limit in new[] { "0", "-5", "1", "1000" })
        {
            (await host.Client.ListLiveAsync($"?limit={limit}")).GetProperty("items").ValueKind.Should().Be(JsonValueKind.Array);
        }
    }

    private static JsonElement? Find(JsonElement page, string username)
    {
        page.String("nextCursor").Should().BeNull("the list fits one page here");
        return page.Items().Where(s => s.Username() == username).Select(s => (JsonElement?)s).SingleOrDefault();
    }

    private static string Cursor(string text) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// Live on the site, as plain HTML: /live (cards of live channels), the home page's "Live now" row, the channel page's
/// viewer count and, once broadcasts ended, its past broadcasts linking their recordings. Titles are the broadcaster's
/// text: encoded everywhere.
/// </summary>
public sealed partial class LivePagesTests
{
    private const string Title = "<script>alert(1)</script> & friends";
    private const string EncodedTitle = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends";

    [Fact]
    public async Task A_live_channel_is_on_the_live_page_the_home_page_and_its_channel_page_with_its_viewers_then_its_recording_is_a_past_broadcast()
    {
        await using var host = await LiveTestKit.StartHostAsync();
        var owner = await host.RegisterAsync("pages");
        var key = await owner.PatchLiveAsync(new { title = Title });
        var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), key);
        using var viewer = new LiveViewer(host);
        try
        {
            await host.Client.WaitLiveAsync(owner.Username);
            await viewer.WatchAsync(owner.Username);
            var session = await host.Client.WaitSessionAsync(owner.Username, s => s.Viewers() == 1 && s.String("thumbnailUrl") is not null,
                "the viewer is counted and the thumbnail made");
            var thumbnail = session.String("thumbnailUrl")!;

            // /live: a card with the title, the channel, the viewers and the picture.
            var live = await host.Client.PageAsync("/live");
            var card = LiveProductKit.LiveCardOf(live, owner.Username);
            card.Should().NotBeNull($"/live lists {owner.Username}:\n{live}");
            card.Should().Contain($"<h2 class=\"card-title\"><a href=\"/u/{owner.Username}\">{EncodedTitle}</a></h2>");
            card.Should().Contain($"<p class=\"card-channel\"><a href=\"/u/{owner.Username}\">{owner.Username}</a></p>");
            card.Should().MatchRegex(">1 watching<");
            card.Should().Contain($"<img src=\"{thumbnail.Replace("&", "&amp;")}\"");
            live.Should().NotContain("<script>alert(1)</script>");

            // The home page: a "Live now" section with the same card.
            var home = await host.Client.PageAsync("/");
            home.Should().Contain("<h2 id=\"live-now-heading\">Live now</h2>");
            var homeCard = LiveProductKit.LiveCardOf(home, owner.Username);
            homeCard.Should().NotBeNull("the home page lists the live channel");
            homeCard.Should().Contain($"<a href=\"/u/{owner.Username}\">{EncodedTitle}</a>").And.MatchRegex(">1 watching<").And.Contain("<img src=\"/live/");
            home.Should().NotContain("<script>alert(1)</script>");

            // The channel page: the player, the title and "1 watching".
            var channel = await host.Client.PageAsync($"/u/{owner.Username}");
            channel.Should().Contain($"data-hls=\"/live/{owner.Username}/master.m3u8\"");
            channel.Should().Contain($"<h2 id=\"live-title\" class=\"live-title\">{EncodedTitle}</h2>");
            ViewersOn(channel).Should().Be("1 watching");
            channel.Should().NotContain("<script>alert(1)</script>");
            channel.Should().NotContain("Past broadcasts", "nothing ended yet");

            // The broadcast ends: off /live and the home page; the channel page lists it with its recording.
            (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
            await publisher.ExitAsync(LiveProductKit.ExitWithin);
            await host.Client.WaitOfflineAsync(owner.Username);
            var after = await host.Client.PageAsync("/live");
            LiveProductKit.LiveCards(after).Should().BeEmpty();
            after.Should().Contain("Nobody is live right now");
            (await host.Client.PageAsync("/")).Should().NotContain("live-now-heading").And.NotContain("live-card");

            var video = await owner.WaitRecordingAsync();
            var videoId = video.GetProperty("id").GetString()!;
            var past = await host.Client.PageAsync($"/u/{owner.Username}");
            past.Should().NotContain("id=\"live-viewers\"").And.NotContain("data-hls=");
            past.Should().Contain("<h2 id=\"past-broadcasts-heading\">Past broadcasts</h2>");
            var section = past[past.IndexOf("past-broadcasts-heading", StringComparison.Ordinal)..];
            section.Should().Contain($"<a href=\"/v/{videoId}\">{EncodedTitle}</a>", "the past broadcast links its recording");
            section.Should().Contain("peak 1 watching");
            past.Should().NotContain("<script>alert(1)</script>");
            (await host.Client.PageAsync($"/v/{videoId}")).Should().Contain(EncodedTitle).And.NotContain("<script>alert(1)</script>");

            // Made private, the recording is no link for visitors (it would be a 404), but still one for its owner.
            (await owner.Client.PatchAsJsonAsync($"/api/v1/videos/{videoId}", new { visibility = "private" })).EnsureSuccessStatusCode();
            var hidden = await host.Client.PageAsync($"/u/{owner.Username}");
            var hiddenSection = hidden[hidden.IndexOf("past-broadcasts-heading", StringComparison.Ordinal)..];
            hiddenSection.Should().Contain($"<span>{EncodedTitle}</span>").And.Contain("recording not public").And.NotContain($"href=\"/v/{videoId}\"");
            var mine = await owner.Client.PageAsync($"/u/{owner.Username}");
            mine[mine.IndexOf("past-broadcasts-heading", StringComparison.Ordinal)..].Should().Contain($"<a href=\"/v/{videoId}\">{EncodedTitle}</a>");
        }
        finally
        {
            await owner.EndQuietlyAsync();
            await publisher.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_nobody_live_the_live_page_says_so_and_the_home_page_has_no_live_row()
    {
        await using var host = await LiveTestKit.StartHostAsync();

        var live = await host.Client.PageAsync("/live");
        live.Should().Contain("<h1>Live now</h1>").And.Contain("Nobody is live right now");
        LiveProductKit.LiveCards(live).Should().BeEmpty();
        var home = await host.Client.PageAsync("/");
        home.Should().NotContain("live-now-heading").And.NotContain("live-card");
    }

    [Fact]
    public async Task The_channel_page_of_a_broadcast_whose_recording_is_off_says_there_is_no_recording()
    {
        await using var host = await LiveTestKit.StartHostAsync();
        var owner = await host.RegisterAsync("pagenorec");
        var key = await owner.PatchLiveAsync(new { title = Title, record = false });
        await using (var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), key))
        {
            await host.Client.WaitLiveAsync(owner.Username);
            (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
            await publisher.ExitAsync(LiveProductKit.ExitWithin);
        }
        await host.Client.WaitOfflineAsync(owner.Username);

        var channel = await host.Client.PageAsync($"/u/{owner.Username}");
        var section = channel[channel.IndexOf("past-broadcasts-heading", StringComparison.Ordinal)..];
        section.Should().Contain($"<span>{EncodedTitle}</span>").And.Contain("no recording").And.NotContain("href=\"/v/");
        channel.Should().NotContain("<script>alert(1)</script>");
    }

    private static string ViewersOn(string html) => ViewersSpan().Match(html) is { Success: true } m ? m.Groups[1].Value : "(no #live-viewers)";

    [GeneratedRegex("<span id=\"live-viewers\"[^>]*>([^<]*)</span>")]
    private static partial Regex ViewersSpan();
}

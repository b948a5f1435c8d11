using System.Collections.Concurrent;
using System.Net;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// The reconnect window: an encoder that drops and comes back in time continues the same broadcast (same session,
/// a discontinuity and a new init in the same playlists, viewers never see a 404); one that comes back too late
/// starts a new broadcast after the old one ended.
/// </summary>
public sealed class LiveReconnectTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_publisher_back_within_the_window_continues_the_same_broadcast_after_a_discontinuity()
    {
        await using var host = await LiveTestKit.StartHostAsync(new Dictionary<string, string?> { ["Live:ReconnectWindow"] = "00:00:30" });
        var port = await host.RtmpPortAsync();
        var owner = await host.RegisterAsync("comeback");
        var key = await owner.StreamKeyAsync();
        var master = LiveTestKit.MasterUrl(owner.Username);

        await using var first = LiveTestKit.Publish(port, key, seconds: 4);
        var urls = await host.MediaPlaylistUrlsAsync(owner.Username);
        var sessionId = urls["source"].Split('/')[3];

        // A viewer polling the master and both media playlists all along: none of them may fail while the encoder is away.
        using var stopWatching = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var watcher = Task.Run(async () =>
        {
            using var viewer = host.NewClient();
            while (!stopWatching.IsCancellationRequested)
            {
                foreach (var url in new[] { master, urls["source"], urls["144p"] })
                {
                    using var response = await viewer.GetAsync(url, CancellationToken.None);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Enqueue($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                await Task.Delay(100, CancellationToken.None);
            }
        });

        (await first.ExitAsync(ExitWithin)).Should().Be(0, "the encoder stopped on its own");
        await Eventually.TrueAsync(async () => (await owner.BroadcastAsync())?.GetProperty("status").GetString() == "reconnecting",
            "the broadcast waits for its encoder");
        var away = await host.Client.GetPlaylistAsync(urls["source"]);
        away.Ended.Should().BeFalse("the broadcast is only waiting");
        away.Maps.Should().Equal("init1.mp4");
        (await host.Client.GetAsync($"/api/v1/channels/{owner.Username}/live")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var second = LiveTestKit.Publish(port, key);
        LivePlaylist? back = null;
        await Eventually.TrueAsync(async () =>
        {
            back = await host.Client.GetPlaylistAsync(urls["source"]);
            return back.Segments.Count(s => s.Map == "init2.mp4" && s.Complete) >= 1;
        }, "the second encoder's pictures are in the same playlist");
        await stopWatching.CancelAsync();
        await watcher;

        failures.Should().BeEmpty("viewers never lose the broadcast while its encoder reconnects");
        LiveMasterPlaylist.Parse(await host.WaitForMasterAsync(owner.Username)).Variants.Should().OnlyContain(v => v.Uri.StartsWith(sessionId + "/"), "the same session goes on");
        var resumed = back!.Segments.First(s => s.Map == "init2.mp4");
        resumed.Discontinuity.Should().BeTrue("the new encoder's timestamps start again");
        resumed.Msn.Should().Be(away.Segments[^1].Msn + 1, "media sequence numbers go on from where the first encoder stopped");
        back.MediaSequence.Should().BeGreaterOrEqualTo(away.MediaSequence);
        back.Segments.Where(s => s.Msn < resumed.Msn).Should().OnlyContain(s => s.Map == "init1.mp4" && s.Complete);
        back.Segments.Count(s => s.Discontinuity).Should().Be(1);
        back.Text.Should().Contain("#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init2.mp4\"\n");
        (await host.Client.GetPlaylistAsync(urls["144p"])).Segments.Should().Contain(s => s.Discontinuity && s.Map == "init2.mp4", "every rendition continues the same way");
        resumed.ProgramDateTime.Should().BeAfter(away.Segments[^1].ProgramDateTime!.Value);

        var broadcast = (await owner.BroadcastAsync())!.Value;
        broadcast.GetProperty("sessionId").GetString().Should().Be(sessionId);
        broadcast.GetProperty("status").GetString().Should().Be("live");
        broadcast.GetProperty("health").GetProperty("disconnects").GetInt32().Should().Be(1);

        // The new init and the segment after the discontinuity decode.
        var init = await host.Client.GetByteArrayAsync(LiveTestKit.Sibling(urls["source"], "init2.mp4"));
        var segment = await host.Client.GetByteArrayAsync(LiveTestKit.Sibling(urls["source"], resumed.Uri!));
        var path = Path.Combine(Path.GetTempPath(), $"framecast-live-{Guid.NewGuid():N}.mp4");
        try
        {
            await File.WriteAllBytesAsync(path, [.. init, .. segment]);
            (await TestClips.RunFfmpegAsync(["-v", "error", "-i", path, "-f", "null", "-"])).Trim().Should().BeEmpty();
        }
        finally
        {
            File.Delete(path);
        }
        second.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task A_publisher_back_after_the_window_starts_a_new_broadcast_once_the_old_one_ended()
    {
        await using var host = await LiveTestKit.StartHostAsync(new Dictionary<string, string?> { ["Live:ReconnectWindow"] = "00:00:01" });
        var port = await host.RtmpPortAsync();
        var owner = await host.RegisterAsync("toolate");
        var key = await owner.StreamKeyAsync();

        string? sessionId = null;
        await using (var first = LiveTestKit.Publish(port, key, seconds: 3))
        {
            await Eventually.TrueAsync(async () => (sessionId = (await owner.BroadcastAsync())?.GetProperty("sessionId").GetString()) is not null, "the broadcast starts");
            await Eventually.TrueAsync(async () =>
            {
                using var response = await host.Client.GetAsync($"/live/{owner.Username}/{sessionId}/source/index.m3u8");
                return response.StatusCode == HttpStatusCode.OK;
            }, "its media playlist exists");
            (await first.ExitAsync(ExitWithin)).Should().Be(0);
        }
        var url = $"/live/{owner.Username}/{sessionId}/source/index.m3u8";

        await Eventually.TrueAsync(async () => (await host.Client.GetPlaylistAsync(url)).Ended, "the media playlist ends once the window passed");
        var ended = await host.Client.GetPlaylistAsync(url);
        ended.PreloadHint.Should().BeNull();
        ended.Segments.Should().OnlyContain(s => s.Complete);
        await (await host.Client.GetAsync(LiveTestKit.MasterUrl(owner.Username))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        await Eventually.TrueAsync(async () =>
        {
            using var response = await host.Client.GetAsync($"/api/v1/channels/{owner.Username}/live");
            return response.StatusCode == HttpStatusCode.NotFound;
        }, "the channel is offline");
        (await owner.BroadcastAsync()).Should().BeNull();

        await using var second = LiveTestKit.Publish(port, key);
        var urls = await host.MediaPlaylistUrlsAsync(owner.Username);
        var newSession = urls["source"].Split('/')[3];
        newSession.Should().NotBe(sessionId, "a new broadcast");
        var fresh = await host.Client.GetPlaylistAsync(urls["source"]);
        fresh.MediaSequence.Should().Be(0);
        fresh.Maps.Should().Equal("init1.mp4");
        fresh.Segments.Should().NotContain(s => s.Discontinuity);
        (await owner.BroadcastAsync())!.Value.GetProperty("health").GetProperty("disconnects").GetInt32().Should().Be(0);
    }
}

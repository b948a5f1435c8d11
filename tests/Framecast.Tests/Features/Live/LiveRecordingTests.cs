using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Features.Live;
using Framecast.Features.Live.Recordings;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// Recording to a video: a broadcast that ends (ended by its owner, or its reconnect window passing) becomes a video of
/// the channel through the usual processing, as long as what was broadcast; a channel that does not record gets none.
/// </summary>
public sealed class LiveRecordingTests
{
    /// <summary>What a publisher sends with <c>-t</c>; the recording's length may differ by a segment (1 s here) at each end.</summary>
    private const double Tolerance = 2.0;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_ended_broadcast_becomes_a_ready_video_as_long_as_what_was_broadcast(string provider)
    {
        await using var host = await LiveTestKit.StartHostAsync(provider: provider);
        var owner = await host.RegisterAsync("rec");
        var key = await owner.PatchLiveAsync(new { title = "Recorded show", description = "From the live test", tags = new[] { "live" } });
        (await owner.LiveSettingsAsync()).GetProperty("record").GetBoolean().Should().BeTrue("channels record by default");
        string sessionId;
        await using (var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), key, seconds: 8))
        {
            sessionId = (await host.Client.WaitLiveAsync(owner.Username)).GetProperty("sessionId").GetString()!;
            (await publisher.ExitAsync(LiveProductKit.ExitWithin)).Should().Be(0, publisher.Stderr);
        }
        using (var end = await owner.Client.PostAsync("/api/v1/me/live/end", null))
        {
            end.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        await host.Client.WaitOfflineAsync(owner.Username);

        var video = await owner.WaitRecordingAsync();
        var videoId = video.GetProperty("id").GetString()!;
        video.GetProperty("title").GetString().Should().Be("Recorded show");
        video.GetProperty("description").GetString().Should().Be("From the live test");
        video.GetProperty("owner").GetProperty("username").GetString().Should().Be(owner.Username);
        video.GetProperty("durationSeconds").GetDouble().Should().BeApproximately(8, Tolerance, "the publisher sent 8 s");
        (await host.Client.GetAsync($"/media/{videoId}/hls/master.m3u8")).StatusCode.Should().Be(HttpStatusCode.OK);

        var session = await SessionRowAsync(host, sessionId);
        session.Status.Should().Be(LiveSessionStatus.Ended);
        session.RecordingVideoId.Should().Be(videoId, "the session names the video it became");
        Directory.Exists(Path.Combine(host.Database.DataDirectory, "media", "_live", sessionId)).Should().BeFalse("what was written is removed once the video exists");
    }

    [Fact]
    public async Task A_channel_with_record_off_gets_no_video()
    {
        await using var host = await LiveTestKit.StartHostAsync();
        var owner = await host.RegisterAsync("norec");
        var key = await owner.PatchLiveAsync(new { record = false });
        (await owner.LiveSettingsAsync()).GetProperty("record").GetBoolean().Should().BeFalse();
        string sessionId;
        await using (var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), key))
        {
            sessionId = (await host.Client.WaitLiveAsync(owner.Username)).GetProperty("sessionId").GetString()!;
            await host.WaitForSegmentAsync($"/live/{owner.Username}/{sessionId}/source/index.m3u8", 2);
            (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
            await publisher.ExitAsync(LiveProductKit.ExitWithin);
        }
        await host.Client.WaitOfflineAsync(owner.Username);

        // The end and the queuing of a recording are one transaction: once the session is ended, there is no job to wait for.
        (await SessionRowAsync(host, sessionId)).Status.Should().Be(LiveSessionStatus.Ended);
        var jobs = await host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Set<Job>()
            .Where(j => j.Type == LiveRecordingJob.Type).Select(j => j.Payload).ToListAsync());
        jobs.Should().NotContain(p => p.Contains(sessionId), "a channel that does not record queues no recording");
        (await owner.VideosAsync()).Should().BeEmpty();
        (await SessionRowAsync(host, sessionId)).RecordingVideoId.Should().BeNull();
    }

    [Fact]
    public async Task A_broadcast_that_is_not_recorded_leaves_nothing_on_disk_once_it_ended()
    {
        await using var host = await LiveTestKit.StartHostAsync();
        var owner = await host.RegisterAsync("norecdisk");
        var key = await owner.PatchLiveAsync(new { record = false });
        string sessionId;
        await using (var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), key))
        {
            sessionId = (await host.Client.WaitLiveAsync(owner.Username)).GetProperty("sessionId").GetString()!;
            await host.WaitForSegmentAsync($"/live/{owner.Username}/{sessionId}/source/index.m3u8", 2);
            (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
            await publisher.ExitAsync(LiveProductKit.ExitWithin);
        }
        await host.Client.WaitOfflineAsync(owner.Username);

        var written = Path.Combine(host.Database.DataDirectory, "media", "_live", sessionId);
        await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists(written) || Directory.GetFiles(written).Length == 0),
            $"nothing of the unrecorded broadcast is left in {written}", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_publisher_back_within_the_window_makes_one_recording_of_both_connections()
    {
        await using var host = await LiveTestKit.StartHostAsync(new Dictionary<string, string?> { ["Live:ReconnectWindow"] = "00:00:30" });
        var port = await host.RtmpPortAsync();
        var owner = await host.RegisterAsync("recback");
        var key = await owner.StreamKeyAsync();
        string sessionId;
        await using (var first = LiveTestKit.Publish(port, key, seconds: 5))
        {
            sessionId = (await host.Client.WaitLiveAsync(owner.Username)).GetProperty("sessionId").GetString()!;
            (await first.ExitAsync(LiveProductKit.ExitWithin)).Should().Be(0, first.Stderr);
        }
        await host.Client.WaitSessionAsync(owner.Username, s => s.GetProperty("status").GetString() == "reconnecting", "the broadcast waits for its encoder");
        await using (var second = LiveTestKit.Publish(port, key, seconds: 5))
        {
            await host.Client.WaitSessionAsync(owner.Username, s => s.GetProperty("status").GetString() == "live", "the encoder is back");
            (await second.ExitAsync(LiveProductKit.ExitWithin)).Should().Be(0, second.Stderr);
        }
        (await owner.BroadcastAsync())!.Value.GetProperty("sessionId").GetString().Should().Be(sessionId, "one broadcast all along");
        (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await host.Client.WaitOfflineAsync(owner.Username);

        var video = await owner.WaitRecordingAsync();
        video.GetProperty("durationSeconds").GetDouble().Should().BeApproximately(10, Tolerance, "two connections of 5 s each, joined");
        (await SessionRowAsync(host, sessionId)).RecordingVideoId.Should().Be(video.GetProperty("id").GetString());
        (await owner.VideosAsync()).Should().HaveCount(1, "a reconnect does not make a second recording");
        var master = Path.Combine(host.Database.DataDirectory, "media", video.GetProperty("id").GetString()!, "hls", "master.m3u8");
        (await TestClips.RunFfmpegAsync(["-v", "error", "-i", master, "-map", "0", "-f", "null", "-"])).Trim().Should().BeEmpty("the joined recording decodes");
    }

    [Fact]
    public async Task A_broadcast_whose_window_passes_is_recorded_too()
    {
        await using var host = await LiveTestKit.StartHostAsync(new Dictionary<string, string?> { ["Live:ReconnectWindow"] = "00:00:02" });
        var owner = await host.RegisterAsync("recgone");
        string sessionId;
        await using (var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), await owner.StreamKeyAsync(), seconds: 5))
        {
            sessionId = (await host.Client.WaitLiveAsync(owner.Username)).GetProperty("sessionId").GetString()!;
            (await publisher.ExitAsync(LiveProductKit.ExitWithin)).Should().Be(0, publisher.Stderr);
        }
        await host.Client.WaitOfflineAsync(owner.Username);

        var video = await owner.WaitRecordingAsync();
        video.GetProperty("durationSeconds").GetDouble().Should().BeApproximately(5, Tolerance);
        (await SessionRowAsync(host, sessionId)).RecordingVideoId.Should().Be(video.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_broadcast_of_less_than_a_second_leaves_no_video_and_nothing_on_disk()
    {
        await using var host = await LiveTestKit.StartHostAsync();
        var owner = await host.RegisterAsync("recshort");
        await using (var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), await owner.StreamKeyAsync(), seconds: 0.4))
        {
            await host.Client.WaitLiveAsync(owner.Username);
            (await publisher.ExitAsync(LiveProductKit.ExitWithin)).Should().Be(0, publisher.Stderr);
        }
        var session = await host.Client.WaitSessionAsync(owner.Username, s => s.GetProperty("status").GetString() == "reconnecting", "the broadcast waits for its encoder");
        var sessionId = session.GetProperty("sessionId").GetString()!;
        (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await host.Client.WaitOfflineAsync(owner.Username);

        // Too short to be worth a video (and processing needs a little more than that for its storyboard).
        var written = Path.Combine(host.Database.DataDirectory, "media", "_live", sessionId);
        await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists(written)), "the recording job drops what was written");
        (await SessionRowAsync(host, sessionId)).RecordingVideoId.Should().BeNull();
        var videos = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{owner.Username}/videos");
        videos.GetProperty("items").GetArrayLength().Should().Be(0, "no video is made of a broadcast under a second");
    }

    private static Task<LiveSession> SessionRowAsync(TestHost host, string sessionId) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Set<LiveSession>().AsNoTracking().SingleAsync(s => s.Id == sessionId));
}

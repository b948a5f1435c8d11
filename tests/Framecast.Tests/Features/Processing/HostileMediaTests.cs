using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Framecast.Tests.Support.VideoUploads;

namespace Framecast.Tests.Features.Processing;

/// <summary>Uploads crafted to make processing read other files or burn CPU for hours (issue 10), on real ffmpeg.</summary>
public sealed partial class HostileMediaTests
{
    private static readonly Dictionary<string, string?> SmallLadder = new() { ["Processing:Ladder:0"] = "360p", ["Processing:Ladder:1"] = "240p" };

    [Fact]
    public async Task Manifests_that_point_at_another_users_private_video_are_refused_and_nothing_of_it_is_served()
    {
        await using var host = await TestHost.StartAsync("sqlite", settings: SmallLadder);
        var victim = await host.RegisterAsync("victim");
        var attacker = await host.RegisterAsync("attacker");
        var secret = await UploadAsync(victim, await TestClips.GetAsync("720p-audio.mp4"), visibility: "private");
        await WaitForAsync(victim, secret, "ready");
        var media = Path.Combine(host.Database.DataDirectory, "media");
        var targets = new[] { Path.Combine(media, secret, "video.mp4"), $"../{secret}/video.mp4", Path.Combine(media, secret, "original") };

        foreach (var template in new[] { "reference.mpd", "reference.m3u8" })
        {
            foreach (var target in targets)
            {
                var manifest = Path.Combine(host.Database.DataDirectory, $"{Guid.NewGuid():N}-{template}");
                await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Processing", "TestData", template))).Replace("{TARGET}", target));

                var id = await UploadAsync(attacker, manifest);
                var video = await WaitForAsync(attacker, id, "failed");

                video.GetProperty("error").GetProperty("code").GetString().Should().Be("media.unsupported", $"{template} → {target}");
                video.GetProperty("error").GetProperty("message").GetString().Should().Contain("manifest");
                ShouldBeSafeForUsers(video);
                foreach (var file in new[] { "thumbnail.jpg", "storyboard.jpg", "video.mp4", "hls/master.m3u8", "original" })
                {
                    (await attacker.Client.GetAsync($"/media/{id}/{file}")).StatusCode.Should().Be(HttpStatusCode.NotFound, file);
                }
                Directory.Exists(Path.Combine(media, id)).Should().BeFalse("nothing of the refused upload is kept");
            }
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_timestamp_bomb_fails_at_once_without_retries(string provider)
    {
        // Past the length cap the file would be refused for its claimed length alone; the frame count is what catches
        // a bomb that claims less than the cap.
        var noLengthCap = new Dictionary<string, string?>(SmallLadder) { ["Processing:MaxDurationSeconds"] = "86400" };
        await using var host = await TestHost.StartAsync(provider, settings: noLengthCap);
        var user = await host.RegisterAsync("bomb");

        var id = await UploadAsync(user, await TimestampBombAsync());
        var video = await WaitForAsync(user, id, "failed", TimeSpan.FromSeconds(60));

        video.GetProperty("error").GetProperty("code").GetString().Should().Be("media.unsupported");
        video.GetProperty("error").GetProperty("message").GetString().Should().Contain("10 h 00 min").And.Contain("3 video frames");
        ShouldBeSafeForUsers(video);
        (await ProcessingJobAttemptsAsync(host, id)).Should().Be(1, "unprocessable media is final, never retried");
    }

    [Theory]
    [InlineData("W16000 H16000", "16000×16000 pixels")]
    [InlineData("W320 H240", "no video frames")]
    public async Task A_y4m_header_without_believable_frames_fails_at_once(string size, string reason)
    {
        await using var host = await TestHost.StartAsync("sqlite", settings: SmallLadder);
        var user = await host.RegisterAsync("y4m");
        var path = Path.Combine(host.Database.DataDirectory, "header.y4m");
        await File.WriteAllTextAsync(path, $"YUV4MPEG2 {size} F30:1 Ip A1:1 C420jpeg\n");

        var id = await UploadAsync(user, path);
        var video = await WaitForAsync(user, id, "failed", TimeSpan.FromSeconds(60));

        video.GetProperty("error").GetProperty("code").GetString().Should().Be("media.unsupported");
        video.GetProperty("error").GetProperty("message").GetString().Should().Contain(reason);
        ShouldBeSafeForUsers(video);
        (await ProcessingJobAttemptsAsync(host, id)).Should().Be(1);
    }

    [Theory]
    [InlineData("Processing:MaxPixels", "100000", "The video is 1280×720 pixels; the largest frame this site processes has 0.1 megapixels.")]
    [InlineData("Processing:MaxDurationSeconds", "2", "The video is 3 s long; this site processes videos up to 2 s.")]
    [InlineData("Processing:MaxFrameRate", "24", "The video claims 30 frames per second; this site processes at most 24.")]
    public async Task Sources_over_a_configured_cap_are_refused_with_the_cap_named(string setting, string value, string message)
    {
        await using var host = await TestHost.StartAsync("sqlite", settings: new Dictionary<string, string?>(SmallLadder) { [setting] = value });
        var user = await host.RegisterAsync("caps");

        var video = await UploadAndWaitAsync(user, await TestClips.GetAsync("720p-audio.mp4"), "failed");

        video.GetProperty("error").GetProperty("code").GetString().Should().Be("media.unsupported");
        video.GetProperty("error").GetProperty("message").GetString().Should().Be(message);
    }

    [Fact]
    public async Task Two_bombs_from_one_user_do_not_hold_up_another_users_upload()
    {
        await using var host = await TestHost.StartAsync("sqlite", settings: new Dictionary<string, string?>(SmallLadder) { ["Jobs:MaxConcurrency"] = "2" });
        var attacker = await host.RegisterAsync("bomber");
        var other = await host.RegisterAsync("other");
        var bomb = await TimestampBombAsync();
        var bombs = new[] { await UploadAsync(attacker, bomb), await UploadAsync(attacker, bomb) };

        var video = await UploadAndWaitAsync(other, await TestClips.GetAsync("720p-audio.mp4"), "ready");

        video.GetProperty("status").GetString().Should().Be("ready");
        foreach (var id in bombs)
        {
            await WaitForAsync(attacker, id, "failed", TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>Three 1080p frames whose timestamps claim 10 hours at 60 fps: a few kilobytes that would be hours of encoding.</summary>
    private static async Task<string> TimestampBombAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "framecast-test-clips", "timestamp-bomb.mkv");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}.{Guid.NewGuid():N}.mkv";
            await TestClips.RunFfmpegAsync(["-f", "lavfi", "-i", "color=c=gray:size=1920x1080:rate=60", "-frames:v", "3", "-vf", "setpts=N*18000/TB",
                "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast", "-r", "60", "-y", temp]);
            File.Move(temp, path, overwrite: true);
        }
        return path;
    }

    private static Task<int> ProcessingJobAttemptsAsync(TestHost host, string videoId) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Jobs.AsNoTracking()
            .Where(j => j.Type == "video.process" && j.Payload.Contains(videoId)).Select(j => j.Attempts).SingleAsync());

    /// <summary>What the uploader reads names no server path and no exception type (the job log keeps those).</summary>
    internal static void ShouldBeSafeForUsers(JsonElement video)
    {
        var message = video.GetProperty("error").GetProperty("message").GetString()!;
        message.Should().NotMatchRegex(ServerPath().ToString()).And.NotContain("Exception").And.NotContain("ffmpeg exited");
    }

    [GeneratedRegex(@"/(tmp|work|var|home|root|data|media)/|\.cs\b")]
    private static partial Regex ServerPath();
}

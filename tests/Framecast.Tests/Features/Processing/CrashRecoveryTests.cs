using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Processing;

/// <summary>kill -9 of a real <c>framecast serve</c> in the middle of a transcode, then a restart.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_transcode_killed_mid_way_is_run_again_after_restart_and_the_video_becomes_ready()
    {
        var database = await TestDatabase.CreateAsync("sqlite");
        var env = CliRunner.Environment(database);
        env["FRAMECAST__JOBS__LEASEDURATION"] = "00:00:03";
        env["FRAMECAST__JOBS__POLLINTERVAL"] = "00:00:01";
        env["FRAMECAST__PROCESSING__LADDER__0"] = "720p";
        env["FRAMECAST__PROCESSING__LADDER__1"] = "360p";
        var port = CliRunner.FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var first = (await ServeProcess.StartAsync(port, env, "--roles", "api,worker")).Process;
        string videoId;
        try
        {
            var registered = await (await client.PostAsJsonAsync("/api/v1/users", new { username = $"crash_{Guid.NewGuid():N}"[..20], password = TestUser.Password })).ShouldBeJsonAsync(HttpStatusCode.Created);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registered.GetProperty("token").GetString());
            videoId = await UploadAsync(client, await TestClips.GetAsync("medium-720p.mp4"));
            await Eventually.TrueAsync(async () => (await GetVideoAsync(client, videoId)).GetProperty("stage").GetString() == "transcoding",
                "the transcode starts", TimeSpan.FromSeconds(90));
        }
        finally
        {
            // SIGKILL of the server alone: its ffmpeg child is orphaned, as in a real crash.
            first.Kill(entireProcessTree: false);
            await first.WaitForExitAsync();
        }

        var second = (await ServeProcess.StartAsync(port, env, "--roles", "api,worker")).Process;
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(FfmpegProcessesUnder(Path.Combine(database.DataDirectory, "work", videoId)) <= 1),
                "the re-run stops the dead run's ffmpeg (at most its own runs)", TimeSpan.FromSeconds(30));
            JsonElement video = default;
            await Eventually.TrueAsync(async () => (video = await GetVideoAsync(client, videoId)).GetProperty("status").GetString() is "ready" or "failed",
                "the re-run finishes", TimeSpan.FromSeconds(180));
            video.GetProperty("status").GetString().Should().Be("ready", video.ToString());
            var master = Path.Combine(database.DataDirectory, "media", videoId, "hls", "master.m3u8");
            (await TestClips.RunFfmpegAsync(["-v", "error", "-i", master, "-map", "0", "-f", "null", "-"])).Trim().Should().BeEmpty();
            var work = Path.Combine(database.DataDirectory, "work", videoId);
            (Directory.Exists(work) ? Directory.GetDirectories(work) : []).Should().BeEmpty("the dead run's workspace is swept");
            FfmpegProcessesUnder(work).Should().Be(0, "no ffmpeg of either run is left");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private static async Task<string> UploadAsync(HttpClient client, string path)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StreamContent(File.OpenRead(path)), "file", Path.GetFileName(path));
        return (await (await client.PostAsync("/api/v1/videos", form)).ShouldBeJsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> GetVideoAsync(HttpClient client, string id) =>
        await (await client.GetAsync($"/api/v1/videos/{id}")).ShouldBeJsonAsync();

    /// <summary>ffmpeg processes whose command line mentions this folder.</summary>
    private static int FfmpegProcessesUnder(string dataDirectory) =>
        Directory.GetDirectories("/proc").Count(dir =>
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                return cmdline.StartsWith("ffmpeg", StringComparison.Ordinal) && cmdline.Contains(dataDirectory, StringComparison.Ordinal);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// kill -9 of a real <c>framecast serve</c> in the middle of a broadcast, then a restart on the same data and the same
/// RTMP address: the node knows the broadcast its previous life held, ends it at once and makes its recording.
/// </summary>
public sealed class LiveNodeRestartTests
{
    [Fact]
    public async Task A_node_killed_mid_broadcast_ends_it_on_restart_and_its_recording_becomes_a_ready_video()
    {
        var database = await TestDatabase.CreateAsync("sqlite");
        var rtmpPort = CliRunner.FreePort();
        var env = CliRunner.Environment(database);
        env["FRAMECAST__LIVE__RTMPLISTEN"] = $"127.0.0.1:{rtmpPort}";
        env["FRAMECAST__LIVE__LADDER__0"] = "240p";
        env["FRAMECAST__LIVE__LADDER__1"] = "144p";
        env["FRAMECAST__LIVE__PRESET"] = "ultrafast";
        env["FRAMECAST__JOBS__POLLINTERVAL"] = "00:00:01";
        env["FRAMECAST__JOBS__LEASEDURATION"] = "00:00:03";
        var httpPort = CliRunner.FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        var started = new List<Process>();
        var orphans = new List<int>();
        FfmpegProcess? publisher = null;
        try
        {
            var first = await StartServerAsync(httpPort, env, started);
            var username = $"node_{Guid.NewGuid():N}"[..20];
            var registered = await (await client.PostAsJsonAsync("/api/v1/users", new { username, password = TestUser.Password })).ShouldBeJsonAsync(HttpStatusCode.Created);
            using var owner = new HttpClient { BaseAddress = client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            owner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registered.GetProperty("token").GetString());
            var key = (await (await owner.GetAsync("/api/v1/me/live")).ShouldBeJsonAsync()).GetProperty("streamKey").GetString()!;

            publisher = LiveTestKit.Publish(rtmpPort, key);
            var publishing = Stopwatch.StartNew();
            var sessionId = (await client.WaitLiveAsync(username)).GetProperty("sessionId").GetString()!;
            // Some segments written to the recording (a blocking request answers once segment 3 is complete).
            await Eventually.TrueAsync(async () =>
            {
                using var response = await client.GetAsync($"/live/{username}/{sessionId}/source/index.m3u8?_HLS_msn=3");
                return response.StatusCode == HttpStatusCode.OK;
            }, "the broadcast has four segments", LiveTestKit.Patience);

            // SIGKILL of the server alone: its transcoder is orphaned as in a real crash (the test kills it below).
            orphans.AddRange(Framecast.Tests.Hosting.ServeSignals.ChildrenOf(first.Id));
            first.Kill(entireProcessTree: false);
            await first.WaitForExitAsync();
            // In real time (-re): no more media than the wall time since the publisher started.
            var published = publishing.Elapsed.TotalSeconds;
            var killedAt = Stopwatch.StartNew();
            await publisher.DisposeAsync();
            publisher = null;
            orphans.ForEach(Kill);

            await StartServerAsync(httpPort, env, started);

            // Well before the 45 s after which any node would end a silent node's broadcasts: the restart ends its own.
            await client.WaitOfflineAsync(username, TimeSpan.FromSeconds(20));
            killedAt.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(40), "the restarted node ended the broadcast itself, not the stale-heartbeat sweep");
            (await (await owner.GetAsync("/api/v1/me/live")).ShouldBeJsonAsync()).GetProperty("broadcast").ValueKind.Should().Be(JsonValueKind.Null);
            await (await client.GetAsync(LiveTestKit.MasterUrl(username))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");

            JsonElement[] videos = [];
            await Eventually.TrueAsync(async () =>
            {
                videos = [.. (await (await owner.GetAsync($"/api/v1/users/{username}/videos")).ShouldBeJsonAsync()).Items()];
                return videos.Length > 0 && videos[0].GetProperty("status").GetString() is "ready" or "failed";
            }, "the recording is processed", TimeSpan.FromSeconds(40));
            videos.Should().HaveCount(1);
            var video = videos[0];
            video.GetProperty("status").GetString().Should().Be("ready", video.ToString());
            video.GetProperty("durationSeconds").GetDouble().Should().BeInRange(3, published + 1, "what was written before the kill: at least the four segments, at most what was sent");
            var videoId = video.GetProperty("id").GetString()!;
            var channel = await client.PageAsync($"/u/{username}");
            channel.Should().Contain("Past broadcasts").And.Contain($"<a href=\"/v/{videoId}\">", "the ended session names its recording");
        }
        finally
        {
            if (publisher is not null)
            {
                await publisher.DisposeAsync();
            }
            orphans.ForEach(Kill);
            foreach (var process in started)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    private static async Task<Process> StartServerAsync(int port, Dictionary<string, string?> env, List<Process> started)
    {
        var server = await ServeProcess.StartAsync(port, env);
        started.Add(server.Process);
        return server.Process;
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
    }
}

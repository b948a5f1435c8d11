using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Framecast.Features.Live;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Features.Chat;
using Framecast.Tests.Features.Live;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Hosting;

/// <summary>
/// SIGTERM to a real <c>framecast serve</c> in the middle of a broadcast published by ffmpeg over RTMP: the broadcast
/// ends as if its owner ended it, held viewers and the publisher are let go, and the node exits long before its deadline.
/// </summary>
public sealed class GracefulShutdownLiveTests
{
    [Fact]
    public async Task SIGTERM_ends_the_broadcast_queues_its_recording_lets_viewers_and_publisher_go_and_exits_well_within_the_timeout()
    {
        var database = await TestDatabase.CreateAsync("sqlite");
        var rtmpPort = CliRunner.FreePort();
        var env = CliRunner.Environment(database);
        env["FRAMECAST__LIVE__RTMPLISTEN"] = $"127.0.0.1:{rtmpPort}";
        env["FRAMECAST__LIVE__LADDER__0"] = "240p";
        env["FRAMECAST__LIVE__LADDER__1"] = "144p";
        env["FRAMECAST__LIVE__PRESET"] = "ultrafast";
        // A deadline far beyond the drain: a viewer or publisher held to it would show as a late exit.
        env["FRAMECAST__HOSTING__SHUTDOWNTIMEOUT"] = "00:01:00";
        var httpPort = CliRunner.FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        var server = await ServeProcess.StartAsync(httpPort, env);
        FfmpegProcess? publisher = null;
        ChatClient? viewer = null;
        try
        {
            var username = $"drain_{Guid.NewGuid():N}"[..20];
            var registered = await (await client.PostAsJsonAsync("/api/v1/users", new { username, password = TestUser.Password })).ShouldBeJsonAsync(HttpStatusCode.Created);
            using var owner = new HttpClient { BaseAddress = client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            owner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registered.GetProperty("token").GetString());
            var key = (await (await owner.GetAsync("/api/v1/me/live")).ShouldBeJsonAsync()).GetProperty("streamKey").GetString()!;

            publisher = LiveTestKit.Publish(rtmpPort, key);
            var sessionId = (await client.WaitLiveAsync(username)).GetProperty("sessionId").GetString()!;
            var playlistUrl = $"/live/{username}/{sessionId}/source/index.m3u8";
            await Eventually.TrueAsync(async () => (await client.GetAsync($"{playlistUrl}?_HLS_msn=1")).StatusCode == HttpStatusCode.OK,
                "the broadcast has two segments", LiveTestKit.Patience);
            viewer = await ChatClient.ConnectAsync(client.BaseAddress!, null, "viewer");
            var transcoders = ServeSignals.ChildrenOf(server.Process.Id);
            transcoders.Should().NotBeEmpty("the broadcast is transcoded by ffmpeg");
            // A player's blocking reload a segment past the one being made: held until the broadcast gets there, or ends.
            var (msn, _) = (await client.GetPlaylistAsync(playlistUrl)).NextPart();
            var held = client.GetAsync($"{playlistUrl}?_HLS_msn={msn + 1}");

            var since = Stopwatch.StartNew();
            await ServeSignals.TerminateAsync(server.Process);

            using (var answer = await held)
            {
                answer.StatusCode.Should().Be(HttpStatusCode.OK);
                LivePlaylist.Parse(await answer.Content.ReadAsStringAsync()).Ended.Should().BeTrue("the held reload is answered by the broadcast's end (EXT-X-ENDLIST)");
            }
            var took = await ServeSignals.ExitedWithinAsync(server, since, TimeSpan.FromSeconds(30));
            server.Process.ExitCode.Should().Be(0, server.Output);
            Console.WriteLine($"serve holding a broadcast exited {took.TotalSeconds:0.00} s after SIGTERM");
            await Eventually.TrueAsync(() => Task.FromResult(viewer.ClosedByServer), "the realtime connection was closed by the server");
            await publisher.ExitAsync(TimeSpan.FromSeconds(20));
            transcoders.Where(ServeSignals.IsAlive).Should().BeEmpty("the transcoder stopped with the broadcast");

            await using var reader = await TestHost.StartAsync("sqlite", database, roles: "api");
            var session = await reader.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Set<LiveSession>().AsNoTracking().SingleAsync(s => s.Id == sessionId));
            session.Status.Should().Be(LiveSessionStatus.Ended);
            session.EndedAt.Should().NotBeNull();
            var recording = (await ServeSignals.JobsAsync(reader, "live.record", sessionId)).Should().ContainSingle("the end queued its recording").Subject;
            recording.Status.Should().Be(JobStatus.Queued, "a draining node takes no new work: the next node makes the recording");
            recording.Attempts.Should().Be(0);
        }
        finally
        {
            if (viewer is not null)
            {
                await viewer.DisposeAsync();
            }
            if (publisher is not null)
            {
                await publisher.DisposeAsync();
            }
            await server.StopAsync();
        }
    }
}

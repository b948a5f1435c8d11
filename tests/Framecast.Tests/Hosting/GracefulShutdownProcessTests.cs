using System.Diagnostics;
using System.Net;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Support;

namespace Framecast.Tests.Hosting;

/// <summary>SIGTERM to a real <c>framecast serve</c>: it drains and exits 0 within Hosting:ShutdownTimeout.</summary>
public sealed class GracefulShutdownProcessTests
{
    [Fact]
    public async Task An_idle_node_exits_0_soon_after_SIGTERM()
    {
        var database = await TestDatabase.CreateAsync("sqlite");
        var env = CliRunner.Environment(database);
        env["FRAMECAST__HOSTING__SHUTDOWNTIMEOUT"] = "00:00:30";
        var server = await ServeProcess.StartAsync(CliRunner.FreePort(), env);
        try
        {
            var since = Stopwatch.StartNew();
            await ServeSignals.TerminateAsync(server.Process);
            var took = await ServeSignals.ExitedWithinAsync(server, since, TimeSpan.FromSeconds(15));

            server.Process.ExitCode.Should().Be(0, $"a signalled stop is a clean stop; it wrote:\n{server.Output}");
            Console.WriteLine($"idle serve exited {took.TotalSeconds:0.00} s after SIGTERM");
        }
        finally
        {
            await server.StopAsync();
        }
    }

    [Fact]
    public async Task A_transcode_running_at_SIGTERM_is_handed_back_unspent_while_the_node_is_unready_and_the_next_node_finishes_it()
    {
        var database = await TestDatabase.CreateAsync("postgres");
        await using var api = await TestHost.StartAsync("postgres", database, roles: "api");
        var env = CliRunner.Environment(database);
        env["FRAMECAST__PROCESSING__LADDER__0"] = "720p";
        env["FRAMECAST__PROCESSING__LADDER__1"] = "360p";
        env["FRAMECAST__JOBS__POLLINTERVAL"] = "00:00:01";
        env["FRAMECAST__HOSTING__SHUTDOWNTIMEOUT"] = "00:00:20";
        // Long enough to see /readyz refuse while the transcode goes on, far shorter than the transcode.
        env["FRAMECAST__HOSTING__DRAINTIMEOUT"] = "00:00:03";
        env["Logging__LogLevel__Framecast.Infrastructure.Jobs"] = "Information";
        var port = CliRunner.FreePort();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var owner = await api.RegisterAsync("drain");
        var first = await ServeProcess.StartAsync(port, env, "--roles", "worker");
        ServeProcess? second = null;
        try
        {
            var videoId = await VideoUploads.UploadAsync(owner, await TestClips.GetAsync("medium-720p.mp4"));
            await Eventually.TrueAsync(async () => (await VideoUploads.GetAsync(owner, videoId)).GetProperty("stage").GetString() == "transcoding",
                "the transcode starts", TimeSpan.FromSeconds(90));
            var ffmpegs = new List<int>();
            await Eventually.TrueAsync(() => Task.FromResult((ffmpegs = ServeSignals.ChildrenOf(first.Process.Id)).Count > 0),
                "the transcode runs ffmpeg", TimeSpan.FromSeconds(30));

            var since = Stopwatch.StartNew();
            await ServeSignals.TerminateAsync(first.Process);
            await Eventually.TrueAsync(async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable,
                "/readyz refuses while the node drains", TimeSpan.FromSeconds(10));
            var took = await ServeSignals.ExitedWithinAsync(first, since, TimeSpan.FromSeconds(20));
            first.Process.ExitCode.Should().Be(0, first.Output);
            Console.WriteLine($"worker with a running transcode exited {took.TotalSeconds:0.00} s after SIGTERM (drain 3 s)");
            ffmpegs.Where(ServeSignals.IsAlive).Should().BeEmpty("the cancelled transcode's ffmpeg was stopped with it");

            var job = (await ServeSignals.JobsAsync(api, "video.process", videoId)).Single();
            Console.WriteLine($"the transcode was {(job.Status == JobStatus.Succeeded ? "finished" : "handed back")} by the stopping node");
            if (job.Status == JobStatus.Succeeded)
            {
                // It beat the drain: as good an outcome, with nothing to hand back.
                job.Attempts.Should().Be(1);
            }
            else
            {
                job.Status.Should().Be(JobStatus.Queued, first.Output);
                job.Attempts.Should().Be(0, "a run interrupted by a shutdown is not a failed attempt");
                job.LeaseOwner.Should().BeNull();
                job.NotBefore.Should().BeOnOrBefore(DateTime.UtcNow, "due at once, not when its lease would have run out");
                job.LastError.Should().BeNull();
            }

            second = await ServeProcess.StartAsync(CliRunner.FreePort(), env, "--roles", "worker");
            await VideoUploads.WaitForAsync(owner, videoId, "ready", TimeSpan.FromSeconds(180));
            Job done = null!;
            // The video reads ready a moment before its job is recorded as done.
            await Eventually.TrueAsync(async () => (done = (await ServeSignals.JobsAsync(api, "video.process", videoId)).Single()).Status == JobStatus.Succeeded,
                "the job is recorded as done");
            done.Attempts.Should().Be(1, "only the run that finished counts");
        }
        finally
        {
            await first.StopAsync();
            if (second is not null)
            {
                await second.StopAsync();
            }
        }
    }
}

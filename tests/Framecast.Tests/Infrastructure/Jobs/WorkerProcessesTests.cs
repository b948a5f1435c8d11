using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Infrastructure.Jobs;

/// <summary>Real separate <c>framecast serve --roles worker</c> processes sharing one PostgreSQL database and media folder.</summary>
public sealed class WorkerProcessesTests
{
    [Fact]
    public async Task Two_worker_processes_share_the_deletions_and_never_run_one_twice()
    {
        var database = await TestDatabase.CreateAsync("postgres");
        await using var api = await TestHost.StartAsync("postgres", database, roles: "api");
        var owner = await api.RegisterAsync("fleet");
        var videos = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var id = (await api.CreateVideoAsync(owner, $"fleet {i}")).Id;
            Directory.CreateDirectory(Path.Combine(database.DataDirectory, "media", id, "hls"));
            await File.WriteAllTextAsync(Path.Combine(database.DataDirectory, "media", id, "hls", "master.m3u8"), "#EXTM3U");
            videos.Add(id);
        }
        var env = CliRunner.Environment(database);
        env["FRAMECAST__JOBS__POLLINTERVAL"] = "00:00:01";
        env["Logging__LogLevel__Framecast.Infrastructure.Jobs"] = "Information";
        var logs = new ConcurrentQueue<(string Worker, string Line)>();
        var workers = new[] { "one", "two" }.Select(name =>
        {
            var process = CliRunner.Start(["serve", "--roles", "worker", "--urls", $"http://127.0.0.1:{CliRunner.FreePort()}"], env);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) logs.Enqueue((name, e.Data)); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) logs.Enqueue((name, e.Data)); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }).ToArray();
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(logs.Count(l => l.Line.Contains("Job worker")) >= 2), "both workers start", TimeSpan.FromSeconds(60));
            // The ready videos' own publication jobs run first, so the deletions meet two idle workers.
            await Eventually.TrueAsync(() => api.WithScopeAsync(sp => sp.GetRequiredService<Framecast.Infrastructure.Data.FramecastDbContext>().Jobs
                .AllAsync(j => j.Status != Framecast.Infrastructure.Jobs.JobStatus.Queued && j.Status != Framecast.Infrastructure.Jobs.JobStatus.Running)),
                "the publication jobs are done", TimeSpan.FromSeconds(60));

            foreach (var id in videos)
            {
                (await owner.Client.DeleteAsync($"/api/v1/videos/{id}")).StatusCode.Should().Be(HttpStatusCode.Accepted);
            }

            foreach (var id in videos)
            {
                await Eventually.TrueAsync(async () => await api.FindVideoRowAsync(id) is null, $"video {id} is removed", TimeSpan.FromSeconds(60));
                Directory.Exists(Path.Combine(database.DataDirectory, "media", id)).Should().BeFalse();
            }
        }
        finally
        {
            foreach (var process in workers)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        var starts = logs.Select(l => (l.Worker, JobId: StartedJobId(l.Line))).Where(s => s.JobId is not null).ToList();
        starts.Should().HaveCount(videos.Count, "each deletion job started exactly once across both processes");
        starts.Select(s => s.JobId).Should().OnlyHaveUniqueItems();
        starts.Select(s => s.Worker).Distinct().Should().HaveCount(2, "both processes took work");
    }

    /// <summary>The id of a deletion job whose start the line logs (the ready videos' own publication jobs are not counted).</summary>
    private static long? StartedJobId(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }
        var entry = JsonDocument.Parse(line).RootElement;
        return entry.TryGetProperty("State", out var state)
            && state.TryGetProperty("{OriginalFormat}", out var format) && format.GetString()!.Contains("started")
            && state.TryGetProperty("JobType", out var type) && type.GetString() == "video.delete"
            && state.TryGetProperty("JobId", out var id)
            ? (id.ValueKind == JsonValueKind.Number ? id.GetInt64() : long.Parse(id.GetString()!))
            : null;
    }
}

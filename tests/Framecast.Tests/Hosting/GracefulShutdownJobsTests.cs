using System.Diagnostics;
using System.Net;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Infrastructure.Jobs;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Hosting;

/// <summary>
/// A worker node stopped in code (the same drain SIGTERM starts): it is not ready and claims nothing from the first
/// moment, lets its running jobs finish within Hosting:DrainTimeout, and hands back what still runs at the deadline.
/// </summary>
public sealed class GracefulShutdownJobsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_job_finishing_within_the_drain_completes_while_the_node_is_unready_and_claims_nothing_new(string provider)
    {
        var drain = new Dictionary<string, string?> { ["Hosting:DrainTimeout"] = "00:00:20", ["Jobs:MaxConcurrency"] = "4" };
        var host = await StartAsync(provider, drain);
        var running = NewKey();
        var late = NewKey();
        Task stopping = Task.CompletedTask;
        try
        {
            var runningId = await EnqueueAsync(host, new RecordingJobHandler.Payload(running, SleepMs: 4000));
            await Eventually.TrueAsync(() => Task.FromResult(RecordingJobHandler.RunsOf(running).Count == 1), "the job starts");

            stopping = host.StopAsync();
            await Eventually.TrueAsync(async () => (await host.Client.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable,
                "/readyz says the node is going away");
            (await JobAsync(host, runningId)).Status.Should().Be(JobStatus.Running, "the drain began while the job ran");
            // SignalR closed its connections when stopping began; one made now would hold the server to its deadline.
            await (await host.Client.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null))
                .ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "server.shutting_down");
            var lateId = await EnqueueAsync(host, new RecordingJobHandler.Payload(late));
            await stopping;

            var finished = await JobAsync(host, runningId);
            finished.Status.Should().Be(JobStatus.Succeeded, "a job shorter than the drain is let finish");
            finished.Attempts.Should().Be(1);
            var waiting = await JobAsync(host, lateId);
            waiting.Status.Should().Be(JobStatus.Queued, "a draining node claims nothing");
            waiting.Attempts.Should().Be(0);
            RecordingJobHandler.RunsOf(late).Should().BeEmpty();
        }
        finally
        {
            await stopping;
            await host.DisposeAsync();
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_job_still_running_at_the_drain_deadline_is_handed_back_due_now_and_another_node_takes_it_at_once(string provider)
    {
        // A lease and a poll far longer than the test: only the hand-back (and on PostgreSQL its NOTIFY) can let the other node in.
        var slow = new Dictionary<string, string?> { ["Jobs:LeaseDuration"] = "00:10:00", ["Jobs:PollInterval"] = "00:10:00" };
        var first = await StartAsync(provider, new Dictionary<string, string?>(slow) { ["Hosting:DrainTimeout"] = "00:00:01" });
        var key = NewKey();
        TestHost? second = null;
        try
        {
            var id = await EnqueueAsync(first, new RecordingJobHandler.Payload(key, BlockFirstRun: true));
            await Eventually.TrueAsync(() => Task.FromResult(RecordingJobHandler.RunsOf(key).Count == 1), "the job starts");
            if (provider == "postgres")
            {
                // Already idle and listening: it hears of the job only through the hand-back's notification.
                second = await StartAsync(provider, slow, first.Database);
                await ListeningAsync(second);
            }

            var stop = Stopwatch.StartNew();
            await first.StopAsync();
            stop.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), "the job had its drain time before it was cancelled");
            if (provider == "sqlite")
            {
                var released = await JobAsync(first, id);
                released.Status.Should().Be(JobStatus.Queued);
                released.Attempts.Should().Be(0, "an interrupted run is not a failed attempt");
                released.LeaseOwner.Should().BeNull();
                released.NotBefore.Should().BeOnOrBefore(DateTime.UtcNow, "it is due at once, not after its lease");
                second = await StartAsync(provider, slow, first.Database);
            }

            var done = await WaitForStatusAsync(second!, id, JobStatus.Succeeded);
            done.Attempts.Should().Be(1, "the handed-back run did not count");
            RecordingJobHandler.RunsOf(key).Select(r => r.Attempt).Should().Equal(1, 1);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_hosts_shutdown_timeout_and_the_drain_come_from_the_Hosting_settings()
    {
        await using var host = await StartAsync("sqlite", new Dictionary<string, string?>
        {
            ["Hosting:ShutdownTimeout"] = "00:00:42",
            ["Hosting:DrainTimeout"] = null,
        });

        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value.ShutdownTimeout
            .Should().Be(TimeSpan.FromSeconds(42));
        host.Services.GetRequiredService<Framecast.Hosting.NodeDrain>().Timeout.Should().Be(TimeSpan.FromSeconds(28), "two thirds of it when not set");
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static Task<TestHost> StartAsync(string provider, IReadOnlyDictionary<string, string?> settings, TestDatabase? database = null) =>
        TestHost.StartAsync(provider, database, settings, roles: "api,worker",
            services: s => s
                .AddSingleton(new RecordingJobHandler.HostName("drain"))
                .AddKeyedScoped<IJobHandler, RecordingJobHandler>(RecordingJobHandler.Type));

    private static Task ListeningAsync(TestHost host) =>
        host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PostgresNotificationListener>().Single().Listening
            .WaitAsync(TimeSpan.FromSeconds(30));

    private static Task<long> EnqueueAsync(TestHost host, RecordingJobHandler.Payload payload) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var job = sp.GetRequiredService<JobQueue>().Add(db, transaction, RecordingJobHandler.Type, payload);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return job.Id;
        });

    private static Task<Job> JobAsync(TestHost host, long id) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Jobs.AsNoTracking().SingleAsync(j => j.Id == id));

    private static async Task<Job> WaitForStatusAsync(TestHost host, long id, JobStatus status)
    {
        Job? job = null;
        await Eventually.TrueAsync(async () => (job = await JobAsync(host, id)).Status == status, $"job {id} is {status}", TimeSpan.FromSeconds(30));
        return job!;
    }
}

using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Infrastructure.Jobs;

public sealed class JobQueueTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_job_enqueued_on_one_node_wakes_a_worker_without_waiting_for_the_poll(string provider)
    {
        var slowPoll = new Dictionary<string, string?> { ["Jobs:PollInterval"] = "00:10:00" };
        await using var worker = await StartAsync(provider, "worker", settings: slowPoll);
        // On PostgreSQL the enqueue comes from another node (LISTEN/NOTIFY); on SQLite from the same process (in-process signal).
        await using var api = provider == "postgres" ? await StartAsync(provider, "api", worker.Database, slowPoll) : null;
        await ListeningAsync(worker);
        var key = NewKey();

        var id = await EnqueueAsync(api ?? worker, new RecordingJobHandler.Payload(key));

        var job = await WaitForStatusAsync(worker, id, JobStatus.Succeeded);
        job.Attempts.Should().Be(1);
        RecordingJobHandler.RunsOf(key).Should().ContainSingle();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_failing_job_is_retried_then_succeeds(string provider)
    {
        await using var host = await StartAsync(provider, "worker");
        var key = NewKey();

        var id = await EnqueueAsync(host, new RecordingJobHandler.Payload(key, FailTimes: 2));

        var job = await WaitForStatusAsync(host, id, JobStatus.Succeeded);
        job.Attempts.Should().Be(3);
        job.LastError.Should().Contain("boom 2");
        RecordingJobHandler.RunsOf(key).Select(r => r.Attempt).Should().Equal(1, 2, 3);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_job_that_keeps_failing_is_dead_with_its_error_after_max_attempts(string provider)
    {
        await using var host = await StartAsync(provider, "worker", settings: new Dictionary<string, string?> { ["Jobs:MaxAttempts"] = "3" });
        var key = NewKey();

        var id = await EnqueueAsync(host, new RecordingJobHandler.Payload(key, FailTimes: 100));

        var job = await WaitForStatusAsync(host, id, JobStatus.Dead);
        job.Attempts.Should().Be(3);
        job.LastError.Should().Be("InvalidOperationException: boom 3");
        job.CompletedAt.Should().NotBeNull();
        (await host.Services.GetRequiredService<JobStore>().ClaimAsync("another-worker", TimeSpan.FromMinutes(1), CancellationToken.None))
            .Should().BeNull("a dead job is never due again");
        RecordingJobHandler.RunsOf(key).Should().HaveCount(3, "a dead job is not run again");
        RecordingJobHandler.GaveUp.Should().ContainKey(key).WhoseValue.Should().Be("InvalidOperationException: boom 3", "the handler is told, to leave its subject in a final state");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_killed_workers_job_is_run_again_after_its_lease_expires(string provider)
    {
        TestDatabase database;
        long id;
        var key = NewKey();
        await using (var api = await StartAsync(provider, "api"))
        {
            database = api.Database;
            id = await EnqueueAsync(api, new RecordingJobHandler.Payload(key));
            // A worker that claims the job and then dies: its lease is never renewed, released or completed.
            var claimed = await api.Services.GetRequiredService<JobStore>().ClaimAsync("killed-worker", TimeSpan.FromSeconds(2), CancellationToken.None);
            claimed!.Id.Should().Be(id);
        }

        await using var survivor = await StartAsync(provider, "worker", database);

        var job = await WaitForStatusAsync(survivor, id, JobStatus.Succeeded);
        job.Attempts.Should().Be(2, "the dead worker's claim counts as an attempt");
        RecordingJobHandler.RunsOf(key).Should().ContainSingle().Which.Attempt.Should().Be(2);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_worker_processes_on_one_database_never_run_a_job_twice(string provider)
    {
        // A short poll so that on SQLite (no cross-process signal) the second process also wakes while work remains.
        var settings = new Dictionary<string, string?> { ["Jobs:MaxConcurrency"] = "3", ["Jobs:PollInterval"] = "00:00:00.200" };
        await using var a = await StartAsync(provider, "worker", settings: settings, name: "A");
        await using var b = await StartAsync(provider, "worker", a.Database, settings, name: "B");
        await ListeningAsync(a);
        await ListeningAsync(b);
        var keys = Enumerable.Range(0, 40).Select(_ => NewKey()).ToList();

        var ids = new List<long>();
        foreach (var batch in keys.Chunk(10))
        {
            ids.AddRange(await EnqueueManyAsync(a, batch.Select(k => new RecordingJobHandler.Payload(k, SleepMs: 100))));
        }

        foreach (var id in ids)
        {
            await WaitForStatusAsync(a, id, JobStatus.Succeeded);
        }
        var runs = keys.SelectMany(RecordingJobHandler.RunsOf).ToList();
        runs.Should().HaveCount(keys.Count, "each job ran exactly once");
        runs.Select(r => r.JobId).Should().OnlyHaveUniqueItems();
        runs.Select(r => r.Host).Distinct().Should().BeEquivalentTo(["A", "B"], "both processes took work");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_job_longer_than_its_lease_keeps_it_by_renewing(string provider)
    {
        // Two seconds: renewals every 0.67 s ride out a busy moment of the whole suite on two cores; the job outlives it twice over.
        var shortLease = new Dictionary<string, string?> { ["Jobs:LeaseDuration"] = "00:00:02" };
        await using var a = await StartAsync(provider, "worker", settings: shortLease, name: "A");
        await using var b = await StartAsync(provider, "worker", a.Database, shortLease, name: "B");
        var key = NewKey();

        var id = await EnqueueAsync(a, new RecordingJobHandler.Payload(key, SleepMs: 5000));

        var job = await WaitForStatusAsync(a, id, JobStatus.Succeeded);
        job.Attempts.Should().Be(1);
        RecordingJobHandler.RunsOf(key).Should().ContainSingle("the other worker never saw an expired lease");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Shutdown_releases_a_running_job_and_the_next_worker_finishes_it(string provider)
    {
        var key = NewKey();
        TestDatabase database;
        long id;
        await using (var first = await StartAsync(provider, "worker"))
        {
            database = first.Database;
            id = await EnqueueAsync(first, new RecordingJobHandler.Payload(key, BlockFirstRun: true));
            await Eventually.TrueAsync(() => Task.FromResult(RecordingJobHandler.RunsOf(key).Count == 1), "the job starts");
            await first.StopAsync();
            var released = await JobAsync(first, id);
            released.Status.Should().Be(JobStatus.Queued);
            released.Attempts.Should().Be(0, "an interrupted run is not a failed attempt");
            released.LeaseOwner.Should().BeNull();
        }

        await using var second = await StartAsync(provider, "worker", database);

        (await WaitForStatusAsync(second, id, JobStatus.Succeeded)).Attempts.Should().Be(1);
    }

    [Fact]
    public void Backoff_doubles_per_attempt_up_to_the_cap()
    {
        var settings = new JobsOptions { RetryBaseDelay = TimeSpan.FromSeconds(5), RetryMaxDelay = TimeSpan.FromMinutes(1) };

        Enumerable.Range(1, 6).Select(a => JobRunner.Backoff(a, settings).TotalSeconds).Should().Equal(5, 10, 20, 40, 60, 60);
    }

    [Fact]
    public async Task A_job_is_added_only_inside_the_transaction_of_the_change_that_causes_it()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        await host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            var queue = sp.GetRequiredService<JobQueue>();
            await using (var finished = await db.Database.BeginTransactionAsync())
            {
                await finished.CommitAsync();
                var outside = () => queue.Add(db, finished, RecordingJobHandler.Type, new RecordingJobHandler.Payload(NewKey()));
                outside.Should().Throw<InvalidOperationException>("its transaction is no longer the open one");
            }
            return db.ChangeTracker.Entries<Job>().Count().Should().Be(0);
        });
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>On PostgreSQL, until the host hears notifications (a job enqueued before would wait for the poll).</summary>
    private static Task ListeningAsync(TestHost host) =>
        host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PostgresNotificationListener>().SingleOrDefault()?.Listening
            .WaitAsync(TimeSpan.FromSeconds(30)) ?? Task.CompletedTask;

    private static Task<TestHost> StartAsync(string provider, string roles, TestDatabase? database = null,
        IReadOnlyDictionary<string, string?>? settings = null, string name = "host") =>
        TestHost.StartAsync(provider, database, settings, roles: roles,
            services: s => s
                .AddSingleton(new RecordingJobHandler.HostName(name))
                .AddKeyedScoped<IJobHandler, RecordingJobHandler>(RecordingJobHandler.Type));

    private static async Task<long> EnqueueAsync(TestHost host, RecordingJobHandler.Payload payload) =>
        (await EnqueueManyAsync(host, [payload])).Single();

    private static Task<List<long>> EnqueueManyAsync(TestHost host, IEnumerable<RecordingJobHandler.Payload> payloads) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            var queue = sp.GetRequiredService<JobQueue>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var jobs = payloads.Select(p => queue.Add(db, transaction, RecordingJobHandler.Type, p)).ToList();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return jobs.Select(j => j.Id).ToList();
        });

    private static Task<Job> JobAsync(TestHost host, long id) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Jobs.AsNoTracking().SingleAsync(j => j.Id == id));

    private static async Task<Job> WaitForStatusAsync(TestHost host, long id, JobStatus status)
    {
        Job? job = null;
        await Eventually.TrueAsync(async () => (job = await JobAsync(host, id)).Status == status, $"job {id} is {status}", TimeSpan.FromSeconds(60));
        return job!;
    }
}

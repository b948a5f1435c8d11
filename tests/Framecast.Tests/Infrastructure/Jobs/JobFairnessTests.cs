using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Support;

namespace Framecast.Tests.Infrastructure.Jobs;

/// <summary>One owner's jobs cannot take every slot: claims skip a fair key that already runs its share (issue 10).</summary>
public sealed class JobFairnessTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_job_of_a_busy_owner_waits_while_another_owners_job_is_claimed(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, roles: "api");
        var (alice, bob) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var ids = await EnqueueAsync(host, [alice, alice, bob, null]);
        var store = host.Services.GetRequiredService<JobStore>();

        var first = await store.ClaimAsync("w1", Lease, CancellationToken.None);
        var second = await store.ClaimAsync("w2", Lease, CancellationToken.None);
        var third = await store.ClaimAsync("w3", Lease, CancellationToken.None);
        var fourth = await store.ClaimAsync("w4", Lease, CancellationToken.None);

        new[] { first!.Id, second!.Id, third!.Id }.Should().Equal([ids[0], ids[2], ids[3]], "alice's second job waits; bob's and the keyless job go first");
        fourth.Should().BeNull("alice already runs her share");
        (await store.CompleteAsync(first, "w1", CancellationToken.None)).Should().BeTrue();
        (await store.ClaimAsync("w1", Lease, CancellationToken.None))!.Id.Should().Be(ids[1], "alice's turn comes when her first job ends");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_claims_on_two_nodes_never_run_two_jobs_of_one_owner(string provider)
    {
        await using var one = await TestHost.StartAsync(provider, roles: "api");
        await using var two = await TestHost.StartAsync(provider, one.Database, roles: "api", migrate: false);
        var owner = Guid.NewGuid().ToString("N");
        await EnqueueAsync(one, Enumerable.Repeat<string?>(owner, 6).ToArray());
        var stores = new[] { one, two }.Select(h => h.Services.GetRequiredService<JobStore>()).ToArray();

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => stores[i % 2].ClaimAsync($"w{i}", Lease, CancellationToken.None)));

        claims.Count(c => c is not null).Should().Be(1);
    }

    [Fact]
    public async Task The_idle_worker_does_not_see_a_waiting_job_as_due()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api");
        var owner = Guid.NewGuid().ToString("N");
        await EnqueueAsync(host, [owner, owner]);
        var store = host.Services.GetRequiredService<JobStore>();
        var running = await store.ClaimAsync("w1", Lease, CancellationToken.None);

        var due = await store.NextDueAsync(CancellationToken.None);

        due.Should().BeCloseTo(DateTime.UtcNow + Lease, TimeSpan.FromMinutes(1), "only the running job's lease end is due, not a busy poll for the waiting one");
        running.Should().NotBeNull();
    }

    private static Task<List<long>> EnqueueAsync(TestHost host, string?[] fairKeys) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            var queue = sp.GetRequiredService<JobQueue>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var jobs = fairKeys.Select(k => queue.Add(db, transaction, "test.fairness", new { }, fairKey: k)).ToList();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return jobs.Select(j => j.Id).ToList();
        });
}

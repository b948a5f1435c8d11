using System.Net;
using System.Net.Http.Json;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Admin;

public sealed class JobsAndSettingsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Dead_jobs_are_listed_with_their_error_and_can_be_retried_and_waiting_ones_cancelled(string provider)
    {
        // Its own host without workers, so nothing claims the jobs this test moves around.
        await using var host = await TestHost.StartAsync(provider, roles: "api");
        var admin = await host.CreateAdminAsync();
        var dead = await AddJobAsync(host, j => { j.Status = JobStatus.Dead; j.Attempts = 5; j.LastError = "ffmpeg exited with 1"; });
        var waiting = await AddJobAsync(host, j => j.NotBefore = DateTime.UtcNow.AddHours(1));
        var running = await AddJobAsync(host, j => j.Status = JobStatus.Running);

        using (var list = await admin.Client.GetAsync("/api/v1/admin/jobs?state=dead"))
        {
            var item = (await list.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().Single(j => j.GetProperty("id").GetInt64() == dead);
            item.GetProperty("id").GetInt64().Should().Be(dead);
            item.GetProperty("lastError").GetString().Should().Be("ffmpeg exited with 1");
            item.GetProperty("attempts").GetInt32().Should().Be(5);
        }
        using (var retry = await admin.PostJsonAsync($"/api/v1/admin/jobs/{dead}/retry"))
        {
            var body = await retry.ShouldBeJsonAsync();
            body.GetProperty("state").GetString().Should().Be("queued");
            body.GetProperty("attempts").GetInt32().Should().Be(0);
        }
        using (var cancel = await admin.PostJsonAsync($"/api/v1/admin/jobs/{waiting}/cancel"))
        {
            var body = await cancel.ShouldBeJsonAsync();
            body.GetProperty("state").GetString().Should().Be("dead");
            body.GetProperty("lastError").GetString().Should().Contain("Cancelled");
        }
        using (var busy = await admin.PostJsonAsync($"/api/v1/admin/jobs/{running}/cancel"))
        {
            await busy.ShouldBeProblemAsync(HttpStatusCode.Conflict, "job.running");
        }
        using (var bad = await admin.Client.GetAsync("/api/v1/admin/jobs?state=sideways"))
        {
            await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }
        (await admin.AuditAsync("job.retry")).Single().GetProperty("targetId").GetString().Should().Be(dead.ToString());
        (await admin.AuditAsync("job.cancel")).Single().GetProperty("targetId").GetString().Should().Be(waiting.ToString());
    }

    [Fact]
    public async Task Closing_registration_and_renaming_the_site_apply_at_once()
    {
        await using var host = await TestHost.StartAsync("sqlite");
        var admin = await host.CreateAdminAsync();
        using (var patch = await admin.Client.PatchAsJsonAsync("/api/v1/admin/settings", new { siteName = "Tea & Films", registrationOpen = false }))
        {
            var body = await patch.ShouldBeJsonAsync();
            body.GetProperty("registrationOpen").GetBoolean().Should().BeFalse();
        }
        using (var register = await host.Client.PostAsJsonAsync("/api/v1/users", new { username = "latecomer", password = TestUser.Password }))
        {
            await register.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.registration_closed");
        }
        var home = await host.Client.GetStringAsync("/");
        home.Should().Contain("Tea &amp; Films</title>").And.Contain(">Tea &amp; Films</a>");
        using (var tooLong = await admin.Client.PatchAsJsonAsync("/api/v1/admin/settings", new { siteName = new string('x', 61) }))
        {
            await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }
        await admin.Client.PatchAsJsonAsync("/api/v1/admin/settings", new { registrationOpen = true });
        using (var register = await host.Client.PostAsJsonAsync("/api/v1/users", new { username = "latecomer", password = TestUser.Password }))
        {
            register.StatusCode.Should().Be(HttpStatusCode.Created);
        }
        (await admin.AuditAsync("settings.update")).Should().HaveCount(2, "the refused change is not recorded");
    }

    private static Task<long> AddJobAsync(TestHost host, Action<Job> change) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            var now = DateTime.UtcNow;
            var job = new Job { Type = "test.noop", Payload = "{}", MaxAttempts = 5, NotBefore = now, CreatedAt = now, UpdatedAt = now };
            change(job);
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
}

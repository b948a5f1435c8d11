using System.Net;
using System.Text.Json;
using Dapper;
using Framecast.Features.Admin.Dashboard;
using Framecast.Infrastructure.Jobs;
using Framecast.Tests.Features.Wallet;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Admin.Dashboard;

/// <summary>
/// <c>GET /api/v1/admin/stats</c> on a host of its own (the numbers are site-wide totals, so no other test may add to
/// them): admins only, and every series follows what really happened — an upload, page views, a job that died, a 500.
/// </summary>
public sealed class AdminStatsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_admins_read_the_dashboard_numbers(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("viewer");
        await (await host.NewClient().GetAsync("/api/v1/admin/stats")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await user.Client.GetAsync("/api/v1/admin/stats")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        var admin = await host.CreateAdminAsync();
        var stats = await (await admin.Client.GetAsync("/api/v1/admin/stats")).ShouldBeJsonAsync();
        stats.GetProperty("days").GetArrayLength().Should().Be(AdminStatsService.DayCount);
        stats.GetProperty("days")[AdminStatsService.DayCount - 1].GetString().Should().Be(DateTime.UtcNow.ToString("yyyy-MM-dd"), "the last day is today (UTC)");
        stats.GetProperty("hours").GetArrayLength().Should().Be(AdminStatsService.HourCount);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_numbers_follow_uploads_views_dead_jobs_and_server_errors(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, endpoints: app =>
            app.MapGet("/test/boom", (HttpContext _) => throw new InvalidOperationException("a deliberate failure for the error chart")));
        var admin = await host.CreateAdminAsync();
        var before = await StatsAsync(admin);
        Today(before, "uploadsPerDay").Should().Be(0);
        Today(before, "viewsPerDay").Should().Be(0);
        before.GetProperty("totals").GetProperty("videos").GetInt64().Should().Be(0);

        var owner = await host.RegisterAsync("owner");
        var video = await VideoUploads.UploadAndWaitAsync(owner, await TestClips.GetAsync("720p-audio.mp4"), "ready");
        var id = video.GetProperty("id").GetString()!;
        foreach (var _ in Enumerable.Range(0, 3))
        {
            // Each cookie-less visitor is a new anonymous viewer: three views.
            (await host.NewClient().GetAsync($"/v/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        (await owner.Client.GetAsync($"/v/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.NewClient().GetAsync("/test/boom")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        await host.WithScopeAsync(async sp =>
        {
            // A job nobody handles dies at once: the same path as a job out of attempts.
            var db = sp.GetRequiredService<Framecast.Infrastructure.Data.FramecastDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            sp.GetRequiredService<JobQueue>().Add(db, transaction, "test.nobody_handles_this", new { });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });

        JsonElement after = default;
        await Eventually.TrueAsync(async () => (after = await StatsAsync(admin)).GetProperty("jobs").GetProperty("dead").GetInt64() == 1
            && Last(after, "serverErrorsPerHour") >= 1, "the dead job and the counted 500 show");
        Today(after, "uploadsPerDay").Should().Be(1, "one video was uploaded today");
        Today(after, "viewsPerDay").Should().Be(4, "three anonymous viewers and the owner");
        Today(after, "deadJobsPerDay").Should().Be(1);
        Last(after, "serverErrorsPerHour").Should().Be(1, "one request failed with a 500");
        after.GetProperty("totals").GetProperty("videos").GetInt64().Should().Be(1);
        after.GetProperty("totals").GetProperty("users").GetInt64().Should().Be(2);
        after.GetProperty("live").GetProperty("broadcasts").GetInt64().Should().Be(0);
        var timed = await host.SqlAsync(c => c.ExecuteScalarAsync<long>("SELECT count(*) FROM video_views WHERE video_id = @id AND viewed_at IS NOT NULL", new { id }));
        timed.Should().Be(4, "every counted view carries its time");
    }

    private static async Task<JsonElement> StatsAsync(TestUser admin) =>
        await (await admin.Client.GetAsync("/api/v1/admin/stats")).ShouldBeJsonAsync();

    private static long Today(JsonElement stats, string series) => Last(stats, series);

    private static long Last(JsonElement stats, string series)
    {
        var values = stats.GetProperty(series);
        return values[values.GetArrayLength() - 1].GetInt64();
    }
}

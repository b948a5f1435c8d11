using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Admin;

/// <summary>Reports from creation to resolution: the queue, one-step actions, and the reporters told the outcome.</summary>
public sealed class ReportFlowTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Taking_a_reported_video_down_resolves_every_open_report_of_it_and_tells_each_reporter(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var (owner, first, second) = (await host.RegisterAsync("ro"), await host.RegisterAsync("r1"), await host.RegisterAsync("r2"));
        var video = await host.CreateVideoAsync(owner, "Reported clip");
        var reportId = await ReportAsync(first, "video", video.Id, "Stolen footage");
        await ReportAsync(second, "video", video.Id, "Not theirs");

        var open = await OpenReportsAsync(admin);
        var item = open.First(r => r.GetProperty("id").GetString() == reportId);
        item.GetProperty("targetUrl").GetString().Should().Be($"/v/{video.Id}");
        item.GetProperty("snapshot").GetString().Should().Be("Reported clip");
        item.GetProperty("reporter").GetProperty("username").GetString().Should().Be(first.Username);

        using (var wrong = await admin.PostJsonAsync($"/api/v1/admin/reports/{reportId}/resolve", new { action = "delete" }))
        {
            await wrong.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "report.action_invalid");
        }
        using (var resolve = await admin.PostJsonAsync($"/api/v1/admin/reports/{reportId}/resolve", new { action = "takedown", note = "Confirmed copyright" }))
        {
            var body = await resolve.ShouldBeJsonAsync();
            body.GetProperty("status").GetString().Should().Be("resolved");
            body.GetProperty("resolution").GetProperty("action").GetString().Should().Be("takedown");
            body.GetProperty("resolution").GetProperty("by").GetProperty("username").GetString().Should().Be(admin.Username);
        }
        using (var again = await admin.PostJsonAsync($"/api/v1/admin/reports/{reportId}/resolve", new { action = "dismiss" }))
        {
            await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "report.resolved");
        }
        (await OpenReportsAsync(admin)).Should().NotContain(r => r.GetProperty("targetId").GetString() == video.Id, "both reports of the video are resolved");
        using (var watch = await host.Client.GetAsync($"/api/v1/videos/{video.Id}"))
        {
            watch.StatusCode.Should().Be(HttpStatusCode.NotFound, "the video was taken down in the same step");
        }
        foreach (var reporter in new[] { first, second })
        {
            var notice = (await reporter.NotificationsAsync()).EnumerateArray().Single(n => n.GetProperty("type").GetString() == "report");
            notice.GetProperty("message").GetString().Should().Contain("taken down");
        }
        (await admin.AuditAsync("report.resolve")).Should().Contain(e => e.GetProperty("targetId").GetString() == reportId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reported_comment_can_be_deleted_or_its_author_banned_in_one_step(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var (owner, troll, reporter) = (await host.RegisterAsync("co"), await host.RegisterAsync("ct"), await host.RegisterAsync("cr"));
        var video = await host.CreateVideoAsync(owner, "Commented");
        var first = await CommentAsync(troll, video.Id, "rude words");
        var second = await CommentAsync(troll, video.Id, "more rude words");

        var deleteReport = await ReportAsync(reporter, "comment", first, "Rude");
        (await OpenReportsAsync(admin)).First(r => r.GetProperty("id").GetString() == deleteReport)
            .GetProperty("targetUrl").GetString().Should().Be($"/v/{video.Id}");
        (await (await admin.PostJsonAsync($"/api/v1/admin/reports/{deleteReport}/resolve", new { action = "delete" })).ShouldBeJsonAsync())
            .GetProperty("status").GetString().Should().Be("resolved");
        (await host.CountCommentsAsync(video.Id)).Should().Be(1);

        var banReport = await ReportAsync(reporter, "comment", second, "Still rude");
        await (await admin.PostJsonAsync($"/api/v1/admin/reports/{banReport}/resolve", new { action = "ban", note = "Repeated abuse" })).ShouldBeJsonAsync();
        using var login = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = troll.Username, password = TestUser.Password });
        (await login.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.banned")).GetProperty("detail").GetString().Should().Contain("Repeated abuse");

        var resolved = await ListAsync(admin, "resolved");
        resolved.Select(r => r.GetProperty("id").GetString()).Should().Contain([deleteReport, banReport]);
    }

    private static async Task<string> ReportAsync(TestUser reporter, string type, string id, string reason)
    {
        using var response = await reporter.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = type, targetId = id, reason });
        return (await response.ShouldBeJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> CommentAsync(TestUser author, string videoId, string content)
    {
        using var response = await author.Client.PostAsJsonAsync($"/api/v1/videos/{videoId}/comments", new { content });
        return (await response.ShouldBeJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static Task<List<JsonElement>> OpenReportsAsync(TestUser admin) => ListAsync(admin, "open");

    /// <summary>Every page of the list (the shared host's queue holds other tests' reports too).</summary>
    private static async Task<List<JsonElement>> ListAsync(TestUser admin, string status)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            using var response = await admin.Client.GetAsync($"/api/v1/admin/reports?status={status}&limit=100" + (cursor is null ? "" : $"&cursor={cursor}"));
            var body = await response.ShouldBeJsonAsync();
            all.AddRange(body.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            cursor = body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return all;
    }
}

using System.Net.Http.Json;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>An admin at work in the console: bans a user, takes a video down, retries a dead job, resolves a report.</summary>
public sealed class AdminModerationTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_banned_user_is_told_why_when_signing_in() => RunAsync(async () =>
    {
        var (username, _) = await AdminConsole.RegisterAsync(Fixture.Address, "banned");
        var page = await NewPageAsync(bypassCsp: true);
        await AdminConsole.SignInAsync(Fixture, page);
        await page.GotoAsync("/admin/users");
        await page.GetByLabel("Username contains").FillAsync(username);
        await SearchAsync(page, "Search users", "#user-list");
        var row = page.Locator("#user-list li").Filter(new() { HasText = username });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByText("Ban…").ClickAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Ban {username}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Write a reason first");
        await row.GetByLabel($"Reason for banning {username}").FillAsync("Spam in every comment");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Ban {username}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{username} is banned. Their sessions have ended.");
        await Expect(row.GetByText("Banned", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Unban {username}" })).ToBeVisibleAsync();

        var their = await NewPageAsync();
        await their.GotoAsync("/login");
        await Site.FillLogInAsync(their, username, TestUsers.Password);
        await Expect(their.GetByRole(AriaRole.Alert)).ToContainTextAsync("Spam in every comment");
        await Expect(their.GetByRole(AriaRole.Alert)).ToContainTextAsync("banned");
        await Expect(Site.SignedInLink(their, username)).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_video_taken_down_leaves_the_home_page() => RunAsync(async () =>
    {
        var video = await ApiSeeder.SeedAsync(Fixture.Address, TestClips.UniqueCopy(Fixture.ShortClip, "takedown"));
        var home = await NewPageAsync();
        await home.GotoAsync("/");
        await Expect(home.GetByRole(AriaRole.Link, new() { Name = video.Title }).First).ToBeVisibleAsync();

        var page = await NewPageAsync();
        await AdminConsole.SignInAsync(Fixture, page);
        await page.GotoAsync("/admin/videos");
        await page.GetByLabel("Title contains").FillAsync(video.Title);
        await SearchAsync(page, "Search videos", "#video-list");
        var row = page.Locator("#video-list li").Filter(new() { HasText = video.Title });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByText("Take down…").ClickAsync();
        await row.GetByLabel($"Reason for taking down {video.Title} (shown to the owner)").FillAsync("Copyright claim");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Take down {video.Title}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"“{video.Title}” is taken down. Its owner has been told.");
        await Expect(row.GetByText("Copyright claim")).ToBeVisibleAsync();

        await home.ReloadAsync();
        await Expect(home.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(home.GetByRole(AriaRole.Link, new() { Name = video.Title })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_dead_job_is_retried_from_the_jobs_page() => RunAsync(async () =>
    {
        var id = await AdminConsole.DeadJobAsync(Fixture.DataDirectory);
        var page = await NewPageAsync();
        await AdminConsole.SignInAsync(Fixture, page);
        await page.GotoAsync("/admin/jobs");
        await page.GetByLabel("State").SelectOptionAsync("dead");
        await Expect(page.Locator("#job-list")).Not.ToHaveAttributeAsync("aria-busy", "true");
        var row = page.Locator($"#job-list li[data-id='{id}']");
        await Expect(row).ToContainTextAsync("browser.unhandled");
        await Expect(row).ToContainTextAsync("no handler for job type");
        await Expect(row).ToContainTextAsync("Dead");
        var deadAt = await row.GetAttributeAsync("data-updated");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Retry job {id}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Job {id} (browser.unhandled) is queued to run again now.");
        // Redrawn from the answer; the server's worker may already have run it again (and, with no handler, killed it
        // again), so what shows it was retried is its new time, not its state.
        await Expect(row).Not.ToHaveAttributeAsync("data-updated", deadAt!);

        await page.GotoAsync("/admin/audit");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "job.retry" }).Filter(new() { HasText = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }).First)
            .ToBeVisibleAsync();
    });

    [Fact]
    public Task A_report_is_resolved_in_one_step() => RunAsync(async () =>
    {
        var video = await Fixture.SeededAsync();
        var (reporter, client) = await AdminConsole.RegisterAsync(Fixture.Address, "reporter");
        var reason = $"Misleading title {Guid.NewGuid():N}"[..30];
        using (var filed = await client.PostAsJsonAsync("/api/v1/reports", new { targetType = "video", targetId = video.VideoId, reason }))
        {
            filed.EnsureSuccessStatusCode();
        }
        var page = await NewPageAsync(bypassCsp: true);
        await AdminConsole.SignInAsync(Fixture, page);
        await page.GotoAsync("/admin/reports");
        var report = page.Locator("#report-list li").Filter(new() { HasText = reason });
        await Expect(report).ToContainTextAsync(reporter);
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(page, "admin-report-open", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375);
        await Expect(report.GetByRole(AriaRole.Link, new() { Name = "Open the reported video" })).ToHaveAttributeAsync("href", $"/v/{video.VideoId}");
        await report.GetByLabel("Note for the audit log (optional)").FillAsync("Title is fine");
        await report.GetByRole(AriaRole.Button, new() { Name = "Dismiss report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Report resolved: dismissed. The reporter has been told.");
        await Expect(report).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Resolved" }).ClickAsync();
        var resolved = page.Locator("#report-list li").Filter(new() { HasText = reason });
        await Expect(resolved).ToContainTextAsync("Dismissed by");
        await Expect(resolved).ToContainTextAsync("Title is fine");
    });

    /// <summary>
    /// Searches and waits for the answer to be drawn: the page's first, unfiltered load may already show the same row,
    /// and a control opened on it would be redrawn closed when the search's answer replaces the list.
    /// </summary>
    private static async Task SearchAsync(IPage page, string button, string list)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Expect(page.Locator(list)).Not.ToHaveAttributeAsync("aria-busy", "true");
    }
}

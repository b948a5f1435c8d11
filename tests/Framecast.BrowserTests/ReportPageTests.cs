using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>Anyone signed in reports a video from its watch page: a reason, optional details, and a clear confirmation.</summary>
public sealed class ReportPageTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_viewer_reports_a_video_from_the_watch_page() => RunAsync(async () =>
    {
        var video = await Fixture.SeededAsync();
        var anonymous = await NewPageAsync();
        await anonymous.GotoAsync($"/v/{video.VideoId}");
        await anonymous.GetByRole(AriaRole.Link, new() { Name = "Report", Exact = true }).ClickAsync();
        await Expect(anonymous).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Freport"));

        var page = await NewPageAsync(bypassCsp: true); // axe injects a script
        await Site.RegisterAsync(page, "reporter");
        await page.GotoAsync($"/v/{video.VideoId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Report", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Report a video" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Spam or scam" }).CheckAsync();
        await page.GetByLabel("Details (optional)").FillAsync("Links to a <b>scam</b> site in the description");
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("An admin will look at your report");
        await Screenshots.CaptureAsync(page, "report-sent", Fixture.ScreenshotsDirectory, Output.WriteLine);

        await page.GotoAsync("/report?type=video&id=nonexistent1");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Something else" }).CheckAsync();
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync(), r => r.Request.Method == "POST");
        refused.Status.Should().Be(404, "an unknown video cannot be reported");
    });
}

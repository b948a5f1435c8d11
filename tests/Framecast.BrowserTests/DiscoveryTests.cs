using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>
/// Watch history and the home rows: a half-watched video resumes on the next visit and shows under "Continue watching"
/// with its progress bar; the Trending row lists public videos; related videos sit beside the player; /history removes entries and pauses.
/// </summary>
public sealed class DiscoveryTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string PlayerReady = "() => { const v = document.querySelector('video#player'); return v && v.readyState >= 1 && v.duration > 0; }";

    [Fact]
    public Task A_half_watched_video_resumes_and_shows_under_continue_watching() => RunAsync(async () =>
    {
        var seeded = await Fixture.SeededAsync();
        var another = await ApiSeeder.SeedAsync(Fixture.Address, Fixture.ShortClip);
        var page = await NewPageAsync(bypassCsp: true); // axe is injected as an inline script
        await Site.RegisterAsync(page, "resume");
        await page.GotoAsync($"/v/{seeded.VideoId}");
        var video = page.Locator("video#player");
        await page.WaitForFunctionAsync(PlayerReady);

        // Play from the middle and pause: the pause reports the position.
        var reported = page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/v1/videos/{seeded.VideoId}/progress", StringComparison.Ordinal)
            && r.Request.Method == "PUT");
        await video.EvaluateAsync("v => { v.muted = true; v.currentTime = v.duration / 2; return v.play(); }");
        await page.WaitForFunctionAsync("() => !document.querySelector('video#player').paused");
        await video.EvaluateAsync("v => v.pause()");
        (await reported).Status.Should().Be(204);
        var stoppedAt = await video.EvaluateAsync<double>("v => v.currentTime");

        // The second visit starts there and says so.
        await page.GotoAsync($"/v/{seeded.VideoId}");
        await page.WaitForFunctionAsync(PlayerReady);
        var related = page.GetByRole(AriaRole.Complementary, new() { Name = "Related videos" });
        await Expect(related.GetByRole(AriaRole.Link, new() { Name = another.Title })).ToBeVisibleAsync();
        await Expect(related.GetByRole(AriaRole.Link, new() { Name = seeded.Title, Exact = true })).ToHaveCountAsync(0);
        var hint = page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("^Resumed at 0:0\\d") });
        await Expect(hint).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('video#player').currentTime > 0.5");
        (await video.EvaluateAsync<double>("v => v.currentTime")).Should().BeApproximately(stoppedAt, 0.6);
        await Expect(hint.GetByRole(AriaRole.Button, new() { Name = "Start over" })).ToBeVisibleAsync();
        await Screenshots.CaptureAsync(page, "watch-resumed", Fixture.ScreenshotsDirectory, Output.WriteLine);
        await page.SetViewportSizeAsync(1280, 800);

        // The home page: Continue watching with a progress bar about half full, and Trending.
        await page.GotoAsync("/");
        var row = page.GetByRole(AriaRole.Region, new() { Name = "Continue watching" });
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = seeded.Title })).ToBeVisibleAsync();
        var bar = row.GetByRole(AriaRole.Progressbar);
        await Expect(bar).ToHaveCountAsync(1);
        var percent = int.Parse(await bar.GetAttributeAsync("value") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        percent.Should().BeInRange(30, 80);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Trending" }).GetByRole(AriaRole.Link).First).ToBeVisibleAsync(new() { Timeout = Ms(Step) });
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Latest uploads" })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(page, "home-rows", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375);
        await page.SetViewportSizeAsync(1280, 800);

        // /history lists it; Remove takes it off, and Continue watching with it.
        await page.GotoAsync("/history");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = seeded.Title })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        await Screenshots.CaptureAsync(page, "history", Fixture.ScreenshotsDirectory, Output.WriteLine);
        await page.SetViewportSizeAsync(1280, 800);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {seeded.Title} from history" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Removed from your history." })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = seeded.Title })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause history" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume history" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Continue watching" })).ToHaveCountAsync(0);
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });
}

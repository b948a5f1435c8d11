using System.Globalization;
using System.Xml.Linq;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>
/// Danmaku on the watch page: posted at the playback offset, shown at that moment to other viewers (live to those
/// watching, by window to those who come later), as text; the viewer's settings kept across reloads.
/// </summary>
public sealed class DanmakuTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Notes the video's time when a danmaku with the text shows (added and not thinned out).</summary>
    private const string WatchFor = """
        text => {
          window.__seenAt = null;
          const look = () => {
            const hit = [...document.querySelectorAll('#player-root .danmaku-item')].find(e => e.textContent === text && !e.hidden);
            if (hit && window.__seenAt === null) { window.__seenAt = document.getElementById('player').currentTime; }
          };
          new MutationObserver(look).observe(document.getElementById('player-root'), { childList: true, subtree: true });
          look();
        }
        """;

    [Fact]
    public Task Danmaku_posted_at_0_03_shows_at_0_03_for_other_viewers_and_stays_text() => RunAsync(async () =>
    {
        var seeded = await Fixture.SeededAsync();
        var watch = $"/v/{seeded.VideoId}";

        // Someone already watching (signed out: asked to sign in to post), paused at the start.
        var early = await NewPageAsync();
        await early.GotoAsync(watch);
        await Expect(early.GetByRole(AriaRole.Link, new() { Name = "Sign in to send danmaku" })).ToBeVisibleAsync();
        await early.WaitForFunctionAsync("() => { const v = document.getElementById('player'); return v && (v.currentSrc || v.src) && v.readyState >= 1; }");

        // The poster seeks to 0:03 and sends two danmaku there.
        var poster = await NewPageAsync(bypassCsp: true);
        await Site.RegisterAsync(poster, "danmaku");
        await poster.GotoAsync(watch);
        await poster.WaitForFunctionAsync("() => { const v = document.getElementById('player'); return v && (v.currentSrc || v.src) && v.readyState >= 1; }");
        await poster.Locator("#player").EvaluateAsync("v => new Promise(r => { v.addEventListener('seeked', () => r(), { once: true }); v.currentTime = 3; })");
        var text = $"at three {Guid.NewGuid():N}"[..20];
        var attack = "<img src=x onerror=\"window.__xss=1\">";
        var input = poster.GetByLabel("Send a danmaku");
        await poster.GetByText("Style").ClickAsync();
        await poster.GetByLabel("Size", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Large" });
        await poster.GetByRole(AriaRole.Radio, new() { Name = "Yellow" }).CheckAsync();
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Expect(input).ToHaveValueAsync("");
        await input.FillAsync(attack);
        await poster.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(input).ToHaveValueAsync("");
        await Expect(poster.Locator("#danmaku-error")).ToBeHiddenAsync();
        await Axe.AssertNoSeriousViolationsAsync(poster, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(poster, "watch-danmaku-poster", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375);

        // The early viewer got them live; playing from the start, they show at 0:03, not before.
        await ExpectShownAtThreeSecondsAsync(early, text);
        var shown = early.Locator("#player-root .danmaku-item", new() { HasText = text });
        (await shown.EvaluateAsync<string>("e => getComputedStyle(e).color")).Should().Be("rgb(255, 255, 0)", "the chosen colour");
        (await shown.GetAttributeAsync("class")).Should().Contain("danmaku-large");

        // A later viewer fetches them by window with the video, and sees them at 0:03 too, as text.
        var later = await NewPageAsync();
        await later.GotoAsync(watch);
        await ExpectShownAtThreeSecondsAsync(later, text);
        await Expect(later.Locator("#player-root .danmaku-item", new() { HasText = "onerror" })).ToHaveTextAsync(attack);
        (await later.Locator("#player-root img").CountAsync()).Should().Be(0);
        (await later.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue();
        await Screenshots.CaptureAsync(later, "watch-danmaku", Fixture.ScreenshotsDirectory, Output.WriteLine);

        // The export link gives Bilibili's XML, with the danmaku at 3 s.
        var href = await later.GetByRole(AriaRole.Link, new() { Name = "Download danmaku (XML)" }).GetAttributeAsync("href");
        using var http = new HttpClient { BaseAddress = Fixture.Address };
        var xml = XDocument.Parse(await http.GetStringAsync(href));
        var entry = xml.Root!.Elements("d").Single(d => d.Value == text);
        double.Parse(entry.Attribute("p")!.Value.Split(',')[0], CultureInfo.InvariantCulture).Should().BeApproximately(3, 0.05);
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });

    [Fact]
    public Task Danmaku_settings_are_kept_across_reloads() => RunAsync(async () =>
    {
        var seeded = await Fixture.SeededAsync();
        var page = await NewPageAsync();
        await page.GotoAsync($"/v/{seeded.VideoId}");
        var show = page.GetByLabel("Show danmaku");
        await Expect(show).ToBeCheckedAsync();
        await show.UncheckAsync();
        await Expect(page.Locator("#player-root .danmaku-layer")).ToBeHiddenAsync();
        await page.GetByText("Danmaku settings").ClickAsync();
        await page.GetByLabel("Density").SelectOptionAsync(new SelectOptionValue { Label = "High (60 at once)" });
        await page.GetByLabel("Opacity").FillAsync("50");
        await page.GetByLabel("Font size").SelectOptionAsync(new SelectOptionValue { Label = "Large" });

        await page.ReloadAsync();
        await Expect(page.GetByLabel("Show danmaku")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#player-root .danmaku-layer")).ToBeHiddenAsync();
        await Expect(page.GetByLabel("Density")).ToHaveValueAsync("60");
        await Expect(page.GetByLabel("Opacity")).ToHaveValueAsync("50");
        await Expect(page.GetByLabel("Font size")).ToHaveValueAsync("125");

        // The keyboard: "d" turns them back on, at the kept opacity and size.
        await page.Locator("body").PressAsync("d");
        await Expect(page.GetByLabel("Show danmaku")).ToBeCheckedAsync();
        var layer = page.Locator("#player-root .danmaku-layer");
        await Expect(layer).ToBeVisibleAsync();
        (await layer.EvaluateAsync<string>("e => getComputedStyle(e).opacity")).Should().Be("0.5");
        (await layer.EvaluateAsync<string>("e => e.style.getPropertyValue('--danmaku-scale')")).Should().Be("1.25");
    });

    private static async Task ExpectShownAtThreeSecondsAsync(IPage page, string text)
    {
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('player'); return v && (v.currentSrc || v.src) && v.readyState >= 1; }");
        await page.EvaluateAsync(WatchFor, text);
        await page.Locator("#player").EvaluateAsync("v => { v.muted = true; v.currentTime = 0; return v.play(); }");
        await page.WaitForFunctionAsync("() => window.__seenAt !== null", null, new() { Timeout = 20_000 });
        var seenAt = await page.EvaluateAsync<double>("() => window.__seenAt");
        seenAt.Should().BeInRange(2.95, 3.6, "a danmaku posted at 0:03 shows when the video reaches 0:03");
    }
}

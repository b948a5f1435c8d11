using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>The watch page's player: quality menu, keyboard shortcuts, and the volume kept across visits.</summary>
public sealed class PlayerTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Quality_menu_shortcuts_and_remembered_volume() => RunAsync(async () =>
    {
        var seeded = await Fixture.SeededAsync();
        var page = await NewPageAsync();
        await page.GotoAsync($"/v/{seeded.VideoId}");
        var video = page.Locator("video#player");
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('video#player'); return v && (v.currentSrc || v.src); }");

        // hls.js lists the ladder's renditions next to Auto.
        var quality = page.GetByLabel("Quality");
        await Expect(quality.Locator("option").First).ToHaveTextAsync("Auto");
        (await quality.Locator("option").CountAsync()).Should().BeGreaterThan(1, "one option per rendition besides Auto");

        // Hovering the seek bar shows a storyboard cell (a piece of the sprite) and its time.
        var seek = page.GetByLabel("Seek");
        var box = (await seek.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync(box.X + box.Width * 0.6f, box.Y + box.Height / 2);
        await Expect(page.Locator(".storyboard-preview")).ToBeVisibleAsync();
        await Expect(page.Locator(".storyboard-image")).ToHaveCSSAsync("background-image", new System.Text.RegularExpressions.Regex("storyboard\\.jpg"));

        // Shortcuts act on the page when focus is not in a field: m mutes, k plays and pauses, down lowers the volume.
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("m");
        (await video.EvaluateAsync<bool>("v => v.muted")).Should().BeTrue("m mutes");
        await page.Keyboard.PressAsync("k");
        await page.WaitForFunctionAsync("() => !document.querySelector('video#player').paused");
        await page.Keyboard.PressAsync("k");
        await page.WaitForFunctionAsync("() => document.querySelector('video#player').paused");
        await video.EvaluateAsync("v => { v.volume = 0.8; }");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        var volume = await video.EvaluateAsync<double>("v => v.volume");
        volume.Should().BeApproximately(0.6, 0.01, "each ArrowDown lowers the volume by a tenth");

        // The next visit starts with the same volume and mute setting.
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('video#player'); return v && (v.currentSrc || v.src); }");
        (await video.EvaluateAsync<double>("v => v.volume")).Should().BeApproximately(volume, 0.01);
        (await video.EvaluateAsync<bool>("v => v.muted")).Should().BeTrue();
    });

    [Fact]
    public Task One_player_bar_replaces_the_browsers_own_controls() => RunAsync(async () =>
    {
        var seeded = await Fixture.SeededAsync();
        var page = await NewPageAsync();
        await page.GotoAsync($"/v/{seeded.VideoId}");
        var video = page.Locator("video#player");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play" })).ToBeVisibleAsync();

        (await video.EvaluateAsync<bool>("v => v.controls")).Should().BeFalse("one bar: ours, not the browser's as well");
        (await page.Locator(".player-controls").CountAsync()).Should().Be(1);
        (await page.GetByLabel("Seek").CountAsync()).Should().Be(1, "one seek bar");

        await page.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('video#player').currentTime > 0.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('video#player').paused");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play" })).ToBeVisibleAsync();

        var muted = await video.EvaluateAsync<bool>("v => v.muted");
        await page.GetByRole(AriaRole.Button, new() { Name = muted ? "Unmute" : "Mute" }).ClickAsync();
        (await video.EvaluateAsync<bool>("v => v.muted")).Should().Be(!muted);
        await page.GetByLabel("Volume").FillAsync("0.3");
        (await video.EvaluateAsync<double>("v => v.volume")).Should().BeApproximately(0.3, 0.01);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Full screen" })).ToBeVisibleAsync();

        // A tap on the picture plays, as on every video site.
        await video.ClickAsync();
        await page.WaitForFunctionAsync("() => !document.querySelector('video#player').paused");
    });
}

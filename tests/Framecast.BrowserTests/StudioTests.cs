using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

public sealed class StudioTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_video_processing_in_studio_turns_ready_without_a_manual_reload() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await Site.RegisterAsync(page, "studio");
        var file = TestClips.UniqueCopy(Fixture.BigClip, "studio");
        await page.GotoAsync("/upload");
        await page.Locator("#files").SetInputFilesAsync(file);
        var item = Site.UploadItem(page, file);
        await Expect(item.Locator("progress").First).ToHaveJSPropertyAsync("value", 100, new() { Timeout = Ms(Processing) });

        // Straight to the studio while the worker is still at it: the row shows its progress, then studio.js sees it
        // finish and the page shows it ready.
        await page.GotoAsync("/studio");
        var row = page.Locator("tr[data-video-id]").First;
        var initial = await row.GetAttributeAsync("data-status");
        Output.WriteLine($"studio opened with the video {initial}");
        if (initial == "processing")
        {
            await Expect(row.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        }
        await Expect(page.Locator("tr[data-video-id]").First.Locator(".badge")).ToHaveTextAsync("Ready", new() { Timeout = Ms(Processing) });
    });
}

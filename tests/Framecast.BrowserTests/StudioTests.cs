using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

public sealed class StudioTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_video_still_uploading_in_studio_turns_ready_without_a_manual_reload() => RunAsync(async () =>
    {
        var uploader = await NewPageAsync();
        await Site.RegisterAsync(uploader, "studio");
        // A slow upload in one tab keeps the video "uploading" while the studio opens in another.
        var throttle = await UploadThrottle.StartAsync(uploader, 2 * 1024 * 1024);
        var file = TestClips.UniqueCopy(Fixture.BigClip, "studio");
        await uploader.GotoAsync("/upload");
        await uploader.Locator("#files").SetInputFilesAsync(file);
        await Expect(Site.UploadItem(uploader, file)).ToHaveAttributeAsync("data-video-id", new System.Text.RegularExpressions.Regex(".+"));

        var studio = await uploader.Context.NewPageAsync();
        await studio.GotoAsync("/studio");
        var row = studio.Locator("tr[data-video-id]").First;
        await Expect(row).ToHaveAttributeAsync("data-status", "uploading");

        // The studio tab is never reloaded by the test: studio.js follows the video to the end.
        await throttle.LiftAsync();
        await Expect(studio.Locator("tr[data-video-id]").First.Locator(".badge")).ToHaveTextAsync("Ready", new() { Timeout = Ms(Processing) });
    });
}

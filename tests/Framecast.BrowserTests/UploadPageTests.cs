using System.Security.Cryptography;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>Several files at once, by drag and drop; and errors said in plain words, in the file's own row.</summary>
public sealed class UploadPageTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_file_over_the_limit_is_refused_before_any_byte_is_sent() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await Site.RegisterAsync(page, "big");
        // Sparse: costs no disk, and the page must refuse it from its size alone.
        var file = Path.Combine(Path.GetDirectoryName(Fixture.ShortClip)!, $"too-big-{Guid.NewGuid():N}.mp4");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(FramecastServer.UploadLimitBytes + 1);
        }
        var uploadRequests = 0;
        page.Request += (_, request) => uploadRequests += request.Url.Contains("/api/v1/uploads", StringComparison.Ordinal) ? 1 : 0;

        await page.GotoAsync("/upload");
        await page.Locator("#files").SetInputFilesAsync(file);

        await Expect(Site.UploadItem(page, file)).ToContainTextAsync("too large");
        uploadRequests.Should().Be(0, "nothing is sent for a file over the limit");
        File.Delete(file);
    });

    [Fact]
    public Task A_file_that_is_not_a_video_says_so_after_processing_looks_at_it() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await Site.RegisterAsync(page, "junk");
        var file = Path.Combine(Path.GetDirectoryName(Fixture.ShortClip)!, $"junk-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(200_000));

        await page.GotoAsync("/upload");
        await page.Locator("#files").SetInputFilesAsync(file);

        var status = Site.UploadItem(page, file).GetByRole(AriaRole.Status);
        await Expect(status).ToContainTextAsync("not a video", new() { Timeout = Ms(Processing) });
        await Expect(status.GetByRole(AriaRole.Link, new() { Name = "Watch" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_signed_out_uploader_is_told_to_log_in_again() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await Site.RegisterAsync(page, "gone");
        await page.GotoAsync("/upload");
        // The session ends elsewhere (another tab logs out) while this page stays open.
        var status = await page.EvaluateAsync<int>(@"async () => {
            const token = document.querySelector('meta[name=csrf-token]').content;
            const response = await fetch('/api/v1/sessions/current', { method: 'DELETE', headers: { 'X-CSRF-TOKEN': token } });
            return response.status; }");
        status.Should().Be(204);

        var file = TestClips.UniqueCopy(Fixture.ShortClip, "gone");
        await page.Locator("#files").SetInputFilesAsync(file);

        await Expect(Site.UploadItem(page, file)).ToContainTextAsync("signed out");
        await Expect(Site.UploadItem(page, file).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task Two_files_dropped_at_once_upload_side_by_side() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await Site.RegisterAsync(page, "drop");
        await page.GotoAsync("/upload");
        var names = new[] { $"first-{Guid.NewGuid():N}.mp4", $"second-{Guid.NewGuid():N}.mp4" };
        var dataTransfer = await page.EvaluateHandleAsync(@"names => {
            const transfer = new DataTransfer();
            for (const name of names) transfer.items.add(new File([new Uint8Array(300000)], name, { type: 'video/mp4' }));
            return transfer; }", names);

        await page.DispatchEventAsync("#drop-zone", "drop", new { dataTransfer });

        foreach (var name in names)
        {
            var progress = page.Locator("#upload-list li.upload").Filter(new() { HasText = name }).GetByLabel($"Upload progress for {name}");
            await Expect(progress).ToHaveJSPropertyAsync("value", 100, new() { Timeout = Ms(Processing) });
        }
    });

    [Fact]
    public Task Fields_edited_while_the_bytes_are_still_going_up_are_kept() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await Site.RegisterAsync(page, "edit");
        // Slow the upload down so the edit lands while bytes are in flight.
        await UploadThrottle.StartAsync(page, 4 * 1024 * 1024);
        var file = TestClips.UniqueCopy(Fixture.BigClip, "edit");
        await page.GotoAsync("/upload");
        await page.Locator("#files").SetInputFilesAsync(file);
        var item = Site.UploadItem(page, file);
        await Expect(item.GetByRole(AriaRole.Status)).ToContainTextAsync("Uploading");

        await item.GetByLabel("Title").FillAsync("Renamed while uploading");
        await item.GetByLabel("Tags").FillAsync("edited, live");
        await item.GetByLabel("Visibility").SelectOptionAsync("unlisted");
        (await item.Locator("progress").First.EvaluateAsync<double>("p => p.value")).Should().BeLessThan(100, "the edit happened mid-upload");

        var video = await Site.WaitUntilReadyAsync(page, file, Processing);
        await page.GotoAsync($"/v/{video.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Renamed while uploading");
        await Expect(page.Locator("main")).ToContainTextAsync("Unlisted");
        await Expect(page.Locator("ul.tags")).ToContainTextAsync("#edited");
    });
}

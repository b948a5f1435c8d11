using System.Globalization;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>An upload stopped part-way goes on from where the server has it after the page is reloaded.</summary>
public sealed class ResumableUploadTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Loopback is too fast to stop an upload part-way: Chromium's own throttling makes it take seconds.</summary>
    private const int UploadBytesPerSecond = 2_000_000;

    [Fact]
    public Task A_paused_upload_resumes_after_a_reload_from_the_servers_offset() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await Site.RegisterAsync(page, "resume");
        var file = TestClips.UniqueCopy(Fixture.BigClip, "resume");
        var name = Path.GetFileName(file);
        var size = new FileInfo(file).Length;

        var throttle = await UploadThrottle.StartAsync(page, UploadBytesPerSecond);
        await page.GotoAsync("/upload");
        await page.Locator("#files").SetInputFilesAsync(file);
        var item = Site.UploadItem(page, file);
        var progress = item.GetByLabel($"Upload progress for {name}");
        await page.WaitForFunctionAsync("p => p.value >= 10", await progress.ElementHandleAsync(), new() { Timeout = Ms(Step) });
        await item.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(item.GetByRole(AriaRole.Status)).ToContainTextAsync("Paused");
        (await progress.EvaluateAsync<double>("p => p.value")).Should().BeLessThan(100, "the pause came before the last byte");

        await throttle.LiftAsync();
        await page.ReloadAsync();
        var resumable = page.Locator("#resumable");
        await Expect(resumable).ToBeVisibleAsync();
        await Expect(resumable).ToContainTextAsync(name);
        await Expect(resumable).ToContainTextAsync("Pick the same file again to resume");

        // What the server says it has, on the first tus request after the reload (tus-js-client's HEAD).
        var offsets = new List<(string Method, long Offset)>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/api/v1/uploads/", StringComparison.Ordinal)
                && response.Headers.TryGetValue("upload-offset", out var value)
                && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                lock (offsets)
                {
                    offsets.Add((response.Request.Method, offset));
                }
            }
        };
        await page.Locator("#files").SetInputFilesAsync(file);
        item = Site.UploadItem(page, file);
        await Expect(item.GetByLabel($"Upload progress for {name}")).ToHaveJSPropertyAsync("value", 100, new() { Timeout = Ms(Processing) });
        await Expect(item.GetByRole(AriaRole.Status)).Not.ToContainTextAsync("Uploading", new() { Timeout = Ms(Step) });

        lock (offsets)
        {
            Output.WriteLine($"{size} bytes; tus answers after the reload: {string.Join(", ", offsets.Select(o => $"{o.Method} {o.Offset}"))}");
            offsets.Should().NotBeEmpty("tus requests to /api/v1/uploads/{id} answer with Upload-Offset");
            offsets[0].Method.Should().Be("HEAD", "tus-js-client asks the server for the offset before sending more");
            offsets[0].Offset.Should().BeInRange(1, size - 1, "the server kept the bytes sent before the pause, and the upload went on from there");
            offsets[^1].Offset.Should().Be(size, "the upload completed");
        }
    });
}

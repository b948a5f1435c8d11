using Framecast.BrowserTests.Support;
using Framecast.Tests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

public sealed class WatermarkTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_channel_sets_its_watermark_in_the_studio_and_uploads_offer_to_leave_it_out() => RunAsync(async () =>
    {
        var page = await NewPageAsync(bypassCsp: true); // for axe's script tag
        await Site.RegisterAsync(page, "mark");
        var png = Path.Combine(Path.GetTempPath(), $"framecast-watermark-{Guid.NewGuid():N}.png");
        await ToolRunner.RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=orange:size=240x80", "-frames:v", "1", "-y", png]);

        await page.GotoAsync("/studio");
        await page.GetByRole(AriaRole.Link, new() { Name = "Watermark" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Watermark" })).ToBeVisibleAsync();
        await Expect(page.GetByText("You have no watermark.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save watermark" }).ClickAsync();
        await Expect(page.GetByText("Choose a PNG image for the watermark.")).ToBeVisibleAsync();

        await page.GetByLabel("Watermark image (PNG, at most 1 MiB)").SetInputFilesAsync(png);
        await page.GetByLabel("Position").SelectOptionAsync(new SelectOptionValue { Label = "Top left" });
        await page.GetByLabel("Opacity (%)").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save watermark" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Watermark saved. New uploads will carry it.");
        var preview = page.GetByRole(AriaRole.Img, new() { Name = "Your current watermark" });
        await Expect(preview).ToBeVisibleAsync();
        (await preview.EvaluateAsync<int>("img => img.naturalWidth")).Should().Be(240, "the stored PNG is shown back");
        await Expect(page.GetByText("Top left, 60 % opacity")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        await Screenshots.CaptureAsync(page, "studio-watermark", Fixture.ScreenshotsDirectory, Output.WriteLine);

        await page.GotoAsync("/upload");
        await Expect(page.GetByLabel("Add my watermark")).ToBeCheckedAsync();
    });
}

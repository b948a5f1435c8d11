using Framecast.BrowserTests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Framecast.BrowserTests;

/// <summary>The harness itself, apart from any page: a page test that passes must not pass because a helper is blind.</summary>
public sealed class InfrastructureTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Chromium_reaches_the_server_and_plays_H264() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        var response = await page.GotoAsync("/healthz");
        response!.Status.Should().Be(200);
        (await page.EvaluateAsync<string>("() => navigator.userAgent")).Should().Contain("Chrome");
        (await page.EvaluateAsync<string>("() => document.createElement('video').canPlayType('video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"')"))
            .Should().NotBeEmpty("Debian's Chromium decodes H.264/AAC, which the fast-start MP4 and the ladder use");
    });

    [Fact]
    public Task Axe_reports_a_critical_violation_with_its_target_and_screenshots_are_written() => RunAsync(async () =>
    {
        var page = await NewPageAsync(bypassCsp: true);
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Harness</title></head>
            <body><main><h1>Harness</h1><img id="unlabelled" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
            """);

        var failing = () => Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);

        (await failing.Should().ThrowAsync<XunitException>()).WithMessage("*image-alt*#unlabelled*");
        var widths = await Screenshots.CaptureAsync(page, "harness", Fixture.ScreenshotsDirectory, Output.WriteLine);
        foreach (var width in Screenshots.Widths)
        {
            File.Exists(Path.Combine(Fixture.ScreenshotsDirectory, $"harness-{width}.png")).Should().BeTrue();
            widths[width].Should().BeLessThanOrEqualTo(width);
        }
    });
}

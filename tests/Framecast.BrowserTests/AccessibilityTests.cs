using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>
/// Every page: no serious or critical axe violations, screenshots at 1280 and 375 px for people to look at, and no
/// sideways scrolling on a phone.
/// </summary>
public sealed class AccessibilityTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    public static TheoryData<string> Pages => ["home", "live", "watch", "upload", "studio", "studio-live", "studio-chat", "login", "register", "channel", "search", "not-found"];

    [Theory, MemberData(nameof(Pages))]
    public Task Page_has_no_serious_violations_and_fits_a_phone(string name) => RunAsync(async () =>
    {
        var seeded = await Fixture.SeededAsync();
        var page = await NewPageAsync(bypassCsp: true);
        if (name is "upload" or "studio" or "studio-live" or "studio-chat")
        {
            await Site.LogInAsync(page, seeded.Username, seeded.Password);
        }
        var (path, status, heading) = Target(name, seeded);

        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        response!.Status.Should().Be(status, $"{path} is the {name} page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Expect(page.Locator("main#main h1")).ToHaveCountAsync(1);

        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var scrollWidths = await Screenshots.CaptureAsync(page, name, Fixture.ScreenshotsDirectory, Output.WriteLine);
        scrollWidths[375].Should().BeLessThanOrEqualTo(375, $"{path} must not scroll sideways on a 375 px phone");
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
    });

    [Theory]
    [InlineData("home")]
    [InlineData("watch")]
    [InlineData("login")]
    [InlineData("studio")]
    [InlineData("studio-live")]
    [InlineData("studio-chat")]
    public Task Dark_mode_has_no_serious_violations(string name) => RunAsync(async () =>
    {
        var seeded = await Fixture.SeededAsync();
        var page = await NewPageAsync(bypassCsp: true);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        if (name is "studio" or "studio-live" or "studio-chat")
        {
            await Site.LogInAsync(page, seeded.Username, seeded.Password);
        }
        var (path, status, _) = Target(name, seeded);
        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        response!.Status.Should().Be(status);
        (await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor")).Should().NotBe("rgb(255, 255, 255)", "the dark palette applies");
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        await Screenshots.CaptureAsync(page, $"{name}-dark", Fixture.ScreenshotsDirectory, Output.WriteLine);
    });

    private static (string Path, int Status, string Heading) Target(string name, SeededVideo seeded) =>
        name switch
        {
            "home" => ("/", 200, "Latest videos"),
            "live" => ("/live", 200, "Live now"),
            "watch" => ($"/v/{seeded.VideoId}", 200, seeded.Title),
            "upload" => ("/upload", 200, "Upload videos"),
            "studio" => ("/studio", 200, "Studio"),
            "studio-live" => ("/studio/live", 200, "Live"),
            "studio-chat" => ("/studio/chat", 200, "Chat moderation"),
            "login" => ("/login", 200, "Log in"),
            "register" => ("/register", 200, "Create account"),
            "channel" => ($"/u/{seeded.Username}", 200, seeded.Username),
            "search" => ($"/search?q={Uri.EscapeDataString(seeded.Title)}", 200, $"Results for \"{seeded.Title}\""),
            _ => ($"/no-such-page-{Guid.NewGuid():N}", 404, "Page not found"),
        };
}

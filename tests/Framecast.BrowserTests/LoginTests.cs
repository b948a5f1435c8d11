using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

public sealed class LoginTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Logging_in_returns_to_the_page_that_asked_for_it() => RunAsync(async () =>
    {
        var registering = await NewPageAsync();
        var username = await Site.RegisterAsync(registering, "back");

        var page = await NewPageAsync();
        await page.GotoAsync("/upload");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?(.*&)?returnUrl=(%2F|/)upload", RegexOptions.IgnoreCase));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();

        await Site.FillLogInAsync(page, username, TestUsers.Password);

        await Expect(page).ToHaveURLAsync(new Regex(@"/upload$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload videos", Level = 1 })).ToBeVisibleAsync();
        await Expect(Site.SignedInLink(page, username)).ToBeVisibleAsync();
    });

    [Fact]
    public Task Logging_out_ends_the_session() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        var username = await Site.RegisterAsync(page, "bye");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
        await Expect(Site.SignedInLink(page, username)).ToHaveCountAsync(0);
        await page.GotoAsync("/studio");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?"));
    });

    [Fact]
    public Task A_wrong_password_is_said_plainly_and_the_form_keeps_its_labels() => RunAsync(async () =>
    {
        var registering = await NewPageAsync();
        var username = await Site.RegisterAsync(registering, "wrong");

        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await Site.FillLogInAsync(page, username, "not-the-password");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(
            new Regex("(incorrect|invalid|wrong|does not match|doesn.t match|not recognised|not recognized)", RegexOptions.IgnoreCase));
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Site.SignedInLink(page, username)).ToHaveCountAsync(0);
    });
}

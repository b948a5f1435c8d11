using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>One person's whole visit: register, upload, watch, comment, find the video, delete it.</summary>
public sealed class MainJourneyTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Hostile = "<script>window.__pwned=1</script><b>bold</b>";

    [Fact]
    public Task Register_upload_watch_comment_find_and_delete() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        var username = await Site.RegisterAsync(page, "journey");
        var file = TestClips.UniqueCopy(Fixture.ShortClip, "journey");

        // Upload: the bytes reach 100%, then processing ends in "Ready" with a "Watch" link.
        await page.GotoAsync("/upload");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload videos", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("#files").SetInputFilesAsync(file);
        var item = Site.UploadItem(page, file);
        var progress = item.GetByLabel($"Upload progress for {Path.GetFileName(file)}");
        await Expect(progress).ToHaveJSPropertyAsync("value", 100, new() { Timeout = Ms(Processing) });
        var video = await Site.WaitUntilReadyAsync(page, file, Processing);
        video.Title.Should().NotBeNullOrWhiteSpace("the uploader prefills the title from the file name");
        await Screenshots.CaptureAsync(page, "upload-ready", Fixture.ScreenshotsDirectory, Output.WriteLine);

        // Watch: the player plays real frames.
        await item.GetByRole(AriaRole.Link, new() { Name = "Watch" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/v/{Regex.Escape(video.Id)}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = video.Title, Level = 1 })).ToBeVisibleAsync();
        await Player.AssertPlaysAsync(page);

        // A comment with markup is shown as the text typed, never run or rendered.
        await page.GetByLabel("Add a comment").FillAsync(Hostile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        var comments = page.Locator("section[aria-labelledby=comments-heading] ol.comments");
        await Expect(comments.Locator("li").First).ToContainTextAsync(Hostile);
        (await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'")).Should().BeTrue("the comment's script must not run");
        (await comments.Locator("b").CountAsync()).Should().Be(0, "the comment's markup must stay text");
        await page.GetByLabel("Add a comment").FillAsync("A second thought");
        await page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        await Expect(comments.Locator("li").First).ToContainTextAsync("A second thought", new() { Timeout = Ms(Step) });
        await comments.Locator("li").First.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(comments.Locator("li")).ToHaveCountAsync(1);
        await Expect(comments.Locator("li").First).ToContainTextAsync(Hostile);

        // Home: the card with its thumbnail loaded.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Latest videos", Level = 1 })).ToBeVisibleAsync();
        // The video may also be in the Trending and Continue watching rows above; the latest grid comes last.
        var card = Card(page, video).Last;
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = video.Title })).ToHaveAttributeAsync("href", new Regex($"/v/{Regex.Escape(video.Id)}$"));
        var thumbnail = await card.Locator("img").First.ElementHandleAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", thumbnail, new() { Timeout = Ms(Step) });

        // Search from the header finds it; the channel lists it.
        await SearchAsync(page, video.Title);
        await Expect(Card(page, video)).ToBeVisibleAsync();
        await page.GotoAsync($"/u/{username}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = username, Level = 1 })).ToBeVisibleAsync();
        await Expect(Card(page, video)).ToBeVisibleAsync();

        // Studio: delete, confirming the dialog.
        await page.GotoAsync("/studio");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Studio", Level = 1 })).ToBeVisibleAsync();
        var row = page.Locator($"tr[data-video-id='{video.Id}']");
        await Expect(row).ToBeVisibleAsync();
        string? confirmation = null;
        page.Dialog += async (_, dialog) =>
        {
            confirmation = dialog.Message;
            await dialog.AcceptAsync();
        };
        // The visible label is "Delete"; the accessible name may add the title (several rows, several Delete buttons).
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Delete\\b") }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        confirmation.Should().NotBeNullOrEmpty("studio.js asks confirm() before deleting");

        await page.GotoAsync("/");
        await Expect(Card(page, video)).ToHaveCountAsync(0);
        await SearchAsync(page, video.Title);
        await Expect(Card(page, video)).ToHaveCountAsync(0);
        var gone = await page.GotoAsync($"/v/{video.Id}");
        gone!.Status.Should().Be(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
    });

    private static ILocator Card(IPage page, UploadedVideo video) =>
        page.Locator("ul.video-grid li.video-card").Filter(new() { Has = page.Locator($"a[href$='/v/{video.Id}']") });

    private static async Task SearchAsync(IPage page, string query)
    {
        var search = page.GetByRole(AriaRole.Search);
        await search.GetByLabel("Search").FillAsync(query);
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Results for \"{query}\"", Level = 1 })).ToBeVisibleAsync();
    }
}

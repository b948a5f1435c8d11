using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>A video made private in Studio is its owner's alone: others and anonymous visitors get the 404 page.</summary>
public sealed class PrivateVideoTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_private_video_is_a_404_page_for_another_user_and_anonymous_but_not_its_owner() => RunAsync(async () =>
    {
        var owner = await NewPageAsync();
        await Site.RegisterAsync(owner, "owner");
        var video = await Site.UploadAsync(owner, TestClips.UniqueCopy(Fixture.ShortClip, "private"), Processing);

        await owner.GotoAsync("/studio");
        var row = owner.Locator($"tr[data-video-id='{video.Id}']");
        await row.GetByText("Edit", new() { Exact = true }).ClickAsync();
        await row.GetByLabel("Visibility").SelectOptionAsync("private");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(owner.Locator($"tr[data-video-id='{video.Id}']")).ToContainTextAsync("Private", new() { IgnoreCase = true });

        var other = await NewPageAsync();
        await Site.RegisterAsync(other, "other");
        await AssertNotFoundAsync(other, video.Id);

        var anonymous = await NewPageAsync();
        await AssertNotFoundAsync(anonymous, video.Id);

        var seen = await owner.GotoAsync($"/v/{video.Id}");
        seen!.Status.Should().Be(200);
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = video.Title, Level = 1 })).ToBeVisibleAsync();
        await Player.AssertPlaysAsync(owner);
    });

    private static async Task AssertNotFoundAsync(IPage page, string id)
    {
        var response = await page.GotoAsync($"/v/{id}");
        response!.Status.Should().Be(404, $"a private video is hidden from everyone but its owner ({page.Url})");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
    }
}

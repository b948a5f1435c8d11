using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>
/// Likes and follows: the buttons change at once, the counts follow, and both hold after a reload and across the watch
/// and channel pages; a followed channel going live rings the header's bell, and /notifications lists and clears it.
/// </summary>
public sealed class SocialTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Like_and_follow_change_the_counts_and_survive_a_reload() => RunAsync(async () =>
    {
        var video = await Fixture.SeededAsync();

        // Signed out: links to sign in instead of the buttons.
        var anonymous = await NewPageAsync();
        await anonymous.GotoAsync($"/v/{video.VideoId}");
        await Expect(anonymous.GetByRole(AriaRole.Link, new() { Name = "Sign in to like" })).ToHaveAttributeAsync("href", $"/login?returnUrl=%2Fv%2F{video.VideoId}");
        await Expect(anonymous.GetByRole(AriaRole.Link, new() { Name = "Sign in to follow" })).ToBeVisibleAsync();
        await Expect(anonymous.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Notifications") })).ToHaveCountAsync(0);
        await anonymous.GotoAsync("/notifications");
        await Expect(anonymous).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fnotifications$"));

        var page = await NewPageAsync(bypassCsp: true);
        await Site.RegisterAsync(page, "fan");
        await page.GotoAsync($"/v/{video.VideoId}");
        var like = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Like") });
        await Expect(like).ToBeEnabledAsync();
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "false");
        var likes = int.Parse(await page.Locator("#like-count").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        var follow = page.GetByRole(AriaRole.Button, new() { Name = "Follow", Exact = true });
        await Expect(follow).ToBeEnabledAsync();
        var followers = await FollowersAsync(page);

        await like.ClickAsync();
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#like-count")).ToHaveTextAsync($"{likes + 1}");
        await follow.ClickAsync();
        var following = page.GetByRole(AriaRole.Button, new() { Name = "Following", Exact = true });
        await Expect(following).ToBeVisibleAsync();
        await Expect(page.Locator("#follower-count")).ToHaveTextAsync(Followers(followers + 1));
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(page, "watch-social", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375);
        await page.SetViewportSizeAsync(1280, 800);

        // The server kept both: after a reload, and on the channel page.
        await page.ReloadAsync();
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#like-count")).ToHaveTextAsync($"{likes + 1}");
        await Expect(following).ToBeEnabledAsync();
        await Expect(page.Locator("#follower-count")).ToHaveTextAsync(Followers(followers + 1));
        await page.GotoAsync($"/u/{video.Username}");
        await Expect(following).ToBeEnabledAsync();
        await Expect(page.Locator("#follower-count")).ToHaveTextAsync(Followers(followers + 1));

        // Undone on the channel page, seen on the watch page.
        await following.ClickAsync();
        await Expect(follow).ToBeVisibleAsync();
        await Expect(page.Locator("#follower-count")).ToHaveTextAsync(Followers(followers));
        await page.GotoAsync($"/v/{video.VideoId}");
        await Expect(follow).ToBeEnabledAsync();
        await like.ClickAsync();
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.Locator("#like-count")).ToHaveTextAsync($"{likes}");
        await page.ReloadAsync();
        await Expect(like).ToBeEnabledAsync();
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.Locator("#like-count")).ToHaveTextAsync($"{likes}");
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });

    [Fact]
    public Task The_bell_rings_when_a_followed_channel_goes_live_and_mark_all_as_read_clears_it() => RunAsync(async () =>
    {
        var page = await NewPageAsync(bypassCsp: true);
        await Site.RegisterAsync(page, "follower");
        var bell = page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Notifications") });
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications");

        // Follow the channel on its page before it goes live.
        await using var broadcast = await Broadcast.StartAsync(Fixture, Output, "bell", async channel =>
        {
            await page.GotoAsync($"/u/{channel}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Follow", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Following", Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator("#follower-count")).ToHaveTextAsync("1 follower");
        });

        // The bell polls every 30 s; the notification goes out 10 s into the broadcast: the badge comes with the next poll after it.
        await page.GotoAsync("/");
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications (1 unread)", new() { Timeout = 60_000 });
        await Expect(bell.Locator(".bell-badge")).ToHaveAttributeAsync("data-count", "1");
        await Screenshots.CaptureAsync(page, "bell", Fixture.ScreenshotsDirectory, Output.WriteLine);
        await page.SetViewportSizeAsync(1280, 800);

        await bell.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        var item = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"{broadcast.Username} is live" });
        await Expect(item).ToHaveClassAsync(new Regex("\\bunread\\b"));
        await Expect(item).ToContainTextAsync("Unread");
        await Expect(item.GetByRole(AriaRole.Link, new() { Name = $"{broadcast.Username} is live" })).ToHaveAttributeAsync("href", $"/u/{broadcast.Username}");
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(page, "notifications", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375);
        await page.SetViewportSizeAsync(1280, 800);

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark all as read" }).ClickAsync();
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications");
        await Expect(bell.Locator(".bell-badge")).ToBeHiddenAsync();
        await Expect(item).Not.ToHaveClassAsync(new Regex("\\bunread\\b"));
        await page.ReloadAsync();
        await Expect(item).Not.ToHaveClassAsync(new Regex("\\bunread\\b"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark all as read" })).ToBeDisabledAsync();
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications");

        // The link leads to the channel, live.
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{broadcast.Username} is live" })).ToBeVisibleAsync();
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });

    private static string Followers(int n) => n == 1 ? "1 follower" : $"{n} followers";

    private static async Task<int> FollowersAsync(IPage page)
    {
        await Expect(page.Locator("#follower-count")).ToHaveTextAsync(new Regex("^\\d+ followers?$"));
        var text = await page.Locator("#follower-count").TextContentAsync() ?? "";
        return int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}

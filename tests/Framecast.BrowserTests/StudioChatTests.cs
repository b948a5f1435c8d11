using System.Net.Http.Json;
using System.Text.Json;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>/studio/chat: the owner names and removes moderators, sets the chat rules, lifts bans and reads the log.</summary>
public sealed class StudioChatTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task The_owner_sets_rules_names_moderators_lifts_bans_and_reads_the_log() => RunAsync(async () =>
    {
        // No cookie jar: a signed-in client's next registration would need an antiforgery token.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Fixture.Address };
        var (helper, _) = await RegisterAsync(http, "helper");
        var (pest, _) = await RegisterAsync(http, "pest");

        var page = await NewPageAsync(bypassCsp: true);
        await page.GotoAsync("/studio/chat");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl=%2Fstudio%2Fchat"));
        var owner = await Site.RegisterAsync(page, "studiochat");
        await page.GotoAsync("/studio");
        await page.GetByRole(AriaRole.Link, new() { Name = "Chat", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Chat moderation");

        // Rules: saved, and still there after a reload; a bad value is marked on its field.
        await Expect(page.GetByLabel("Slow mode (seconds between messages)")).ToHaveValueAsync("0");
        await page.GetByLabel("Slow mode (seconds between messages)").FillAsync("99999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Expect(page.Locator("#slow-mode-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Slow mode (seconds between messages)")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByLabel("Slow mode (seconds between messages)").FillAsync("10");
        await page.GetByLabel("Minimum account age (minutes)").FillAsync("1440");
        await page.GetByLabel("Blocked words").FillAsync("spoiler\nBuy Followers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Expect(page.Locator("#rules-status")).ToHaveTextAsync("Chat rules saved.");
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Slow mode (seconds between messages)")).ToHaveValueAsync("10");
        await Expect(page.GetByLabel("Minimum account age (minutes)")).ToHaveValueAsync("1440");
        await Expect(page.GetByLabel("Blocked words")).ToHaveValueAsync("spoiler\nbuy followers");

        // Moderators: added by username, removed with the button.
        await page.GetByLabel("Username of the new moderator").FillAsync(helper);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add moderator" }).ClickAsync();
        var moderators = page.Locator("#moderator-list");
        await Expect(moderators.GetByRole(AriaRole.Link, new() { Name = helper })).ToBeVisibleAsync();
        await page.GetByLabel("Username of the new moderator").FillAsync("nobody_" + Guid.NewGuid().ToString("N")[..8]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add moderator" }).ClickAsync();
        await Expect(page.Locator("#moderators-status")).ToContainTextAsync("There is no user with that name.");

        // A ban made elsewhere (the live page, or the API) is listed, and lifted here.
        var csrf = await Site.CsrfTokenAsync(page);
        var banned = await page.EvaluateAsync<int>(
            "async ([channel, user, csrf]) => (await fetch(`/api/v1/channels/${channel}/bans`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf }, body: JSON.stringify({ username: user, durationSeconds: 3600, reason: 'flooding' }) })).status",
            new object?[] { owner, pest, csrf });
        banned.Should().Be(201);
        await page.ReloadAsync();
        var ban = page.Locator("#ban-list li", new() { HasText = pest });
        await Expect(ban).ToContainTextAsync("flooding");
        await Expect(ban).ToContainTextAsync("until");
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(page, "studio-chat", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375);
        await page.SetViewportSizeAsync(1280, 800);
        await ban.GetByRole(AriaRole.Button, new() { Name = $"Lift ban on {pest}" }).ClickAsync();
        await Expect(page.Locator("#bans-status")).ToHaveTextAsync($"The ban on {pest} is lifted.");
        await Expect(page.Locator("#ban-list")).ToHaveTextAsync("Nobody is banned.");

        await moderators.GetByRole(AriaRole.Button, new() { Name = $"Remove moderator {helper}" }).ClickAsync();
        await Expect(moderators.GetByRole(AriaRole.Link, new() { Name = helper })).ToHaveCountAsync(0);

        // The log has every action, newest first.
        var log = page.Locator("#moderation-log li");
        await Expect(log.First).ToContainTextAsync($"removed the moderator {helper}");
        await Expect(page.Locator("#moderation-log")).ToContainTextAsync($"lifted the ban on {pest}");
        await Expect(page.Locator("#moderation-log")).ToContainTextAsync($"banned {pest}");
        await Expect(page.Locator("#moderation-log")).ToContainTextAsync($"made a moderator: {helper}");
        await Expect(page.Locator("#moderation-log")).ToContainTextAsync("changed the chat rules");
    });

    private static async Task<(string Username, string Token)> RegisterAsync(HttpClient http, string prefix)
    {
        var username = TestUsers.NewName(prefix);
        using var registered = await http.PostAsJsonAsync("/api/v1/users", new { username, password = TestUsers.Password });
        registered.EnsureSuccessStatusCode();
        return (username, (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
    }
}

using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>
/// Gifts: sent from the "Send a gift" dialog during a broadcast, they show in other viewers' chat, fly over their
/// player and rank the sender among the top gifters; without the coins the dialog says so and links to the wallet.
/// On the watch page they fly over the video the same way.
/// </summary>
public sealed class GiftTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_gift_sent_during_a_broadcast_reaches_another_viewers_chat_barrage_and_leaderboard() => RunAsync(async () =>
    {
        var admin = await Fixture.AdminAsync();
        var gift = (await admin.GiftsAsync())[0];
        await using var broadcast = await Broadcast.StartAsync(Fixture, Output, "giftlive");

        // An anonymous viewer watches: asked to sign in to send gifts, no gifts yet on the board.
        var viewer = await NewPageAsync();
        await viewer.GotoAsync($"/u/{broadcast.Username}");
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Sign in to send a gift" })).ToBeVisibleAsync();
        var board = viewer.GetByRole(AriaRole.Region, new() { Name = "Top gifters" });
        await Expect(board).ToContainTextAsync("No gifts yet.");
        await Expect(viewer.Locator("#chat-connection")).ToBeHiddenAsync();

        // The sender has coins for three of the cheapest gift, no more.
        var sender = await NewPageAsync(bypassCsp: true);
        var senderName = await Site.RegisterAsync(sender, "giver");
        await admin.GrantAsync(senderName, gift.Price * 3);
        await sender.GotoAsync($"/u/{broadcast.Username}");
        await Expect(sender.Locator("#chat-connection")).ToBeHiddenAsync();
        await sender.GetByRole(AriaRole.Button, new() { Name = "Send a gift" }).ClickAsync();
        var dialog = sender.GetByRole(AriaRole.Dialog, new() { Name = "Send a gift" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("#gift-balance")).ToContainTextAsync(Coins(gift.Price * 3));
        await dialog.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{Regex.Escape(gift.Name)} ") }).CheckAsync();
        await dialog.GetByLabel("Count").FillAsync("3");
        await Expect(dialog).ToContainTextAsync($"Total: {Coins(gift.Price * 3)}");
        await Axe.AssertNoSeriousViolationsAsync(sender, Fixture.AxeScript);
        await Screenshots.CaptureAsync(sender, "gift-dialog", Fixture.ScreenshotsDirectory, Output.WriteLine);
        await sender.SetViewportSizeAsync(1280, 800);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Sent {gift.Name} ×3.");
        await Expect(dialog.Locator("#gift-balance")).ToContainTextAsync("Your balance: 0 coins");

        // The other browser: a gift line in the chat log, a gift card over the player, the sender on the board.
        var line = $"{senderName} sent {gift.Name} ×3";
        var log = viewer.GetByRole(AriaRole.Log, new() { Name = "Chat" });
        await Expect(log.Locator("li.chat-gift", new() { HasText = line })).ToBeVisibleAsync();
        var card = viewer.Locator("#live-root .gift-item", new() { HasText = line });
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.Locator("img")).ToHaveAttributeAsync("src", new Regex("\\S"));
        await Expect(board.GetByRole(AriaRole.Listitem).Filter(new() { HasText = senderName })).ToContainTextAsync(Coins(gift.Price * 3));
        await viewer.ScreenshotAsync(new() { Path = Path.Combine(Fixture.ScreenshotsDirectory, "live-gift-viewer-1280.png") });
        await Expect(sender.GetByRole(AriaRole.Log, new() { Name = "Chat" }).Locator("li.chat-gift", new() { HasText = line })).ToHaveCountAsync(1);

        // Nothing left: one more is refused with the balance and a way to the wallet.
        await dialog.GetByLabel("Count").FillAsync("1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var alert = dialog.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Not enough coins");
        await Expect(alert).ToContainTextAsync("Your balance is 0 coins");
        await Expect(alert.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/wallet");
        await Screenshots.CaptureAsync(sender, "gift-insufficient", Fixture.ScreenshotsDirectory, Output.WriteLine);

        // Escape closes the dialog, and focus goes back to its button.
        await sender.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(sender.GetByRole(AriaRole.Button, new() { Name = "Send a gift" })).ToBeFocusedAsync();
        await Expect(log.Locator("li.chat-gift")).ToHaveCountAsync(1);

        // The owner has no gift button on their own channel.
        var owner = await NewPageAsync();
        await Site.LogInAsync(owner, broadcast.Username, TestUsers.Password);
        await owner.GotoAsync($"/u/{broadcast.Username}");
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Top gifters" })).ToBeVisibleAsync();
        await Expect(owner.GetByRole(AriaRole.Button, new() { Name = "Send a gift" })).ToHaveCountAsync(0);
        // A page opened after the gift has it in the chat log (the room's recent gifts), and on the board.
        await Expect(owner.GetByRole(AriaRole.Log, new() { Name = "Chat" }).Locator("li.chat-gift", new() { HasText = line })).ToHaveCountAsync(1);
        await Expect(owner.GetByRole(AriaRole.Region, new() { Name = "Top gifters" })).ToContainTextAsync(senderName);
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });

    [Fact]
    public Task A_gift_on_a_video_flies_over_another_viewers_player_and_follows_the_danmaku_switch() => RunAsync(async () =>
    {
        var admin = await Fixture.AdminAsync();
        var gift = (await admin.GiftsAsync())[0];
        var video = await Fixture.SeededAsync();

        var viewer = await NewPageAsync();
        await viewer.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await viewer.GotoAsync($"/v/{video.VideoId}");
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Sign in to send a gift" })).ToBeVisibleAsync();
        await viewer.WaitForFunctionAsync("() => !!document.querySelector('#player-root .gift-layer')");

        var sender = await NewPageAsync();
        var senderName = await Site.RegisterAsync(sender, "videogiver");
        await admin.GrantAsync(senderName, gift.Price * 2);
        await sender.GotoAsync($"/v/{video.VideoId}");
        // The viewer is in the video's room on the hub.
        await Expect(viewer.Locator("#danmaku[data-hub=connected]")).ToHaveCountAsync(1);
        await sender.GetByRole(AriaRole.Button, new() { Name = "Send a gift" }).ClickAsync();
        var dialog = sender.GetByRole(AriaRole.Dialog, new() { Name = "Send a gift" });
        await dialog.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{Regex.Escape(gift.Name)} ") }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Sent {gift.Name} ×1.");

        // Reduced motion: the card shows in place, not moving.
        var card = viewer.Locator("#player-root .gift-item", new() { HasText = $"{senderName} sent {gift.Name}" });
        await Expect(card).ToBeVisibleAsync();
        (await card.EvaluateAsync<string>("e => getComputedStyle(e).animationName")).Should().Be("gift-still");

        // Danmaku off: the next gift does not show.
        await viewer.GetByLabel("Show danmaku").UncheckAsync();
        await Expect(viewer.Locator("#player-root .gift-layer")).ToBeHiddenAsync();
        await sender.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });

    private static string Coins(long n) => $"{n.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US"))} {(n == 1 ? "coin" : "coins")}";
}

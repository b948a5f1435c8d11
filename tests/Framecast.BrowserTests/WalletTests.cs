using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>/wallet: the balance, the history and voucher codes redeemed on the page, with each refusal in words.</summary>
public sealed class WalletTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_voucher_redeemed_on_the_wallet_page_shows_the_new_balance_and_a_history_entry() => RunAsync(async () =>
    {
        var admin = await Fixture.AdminAsync();
        var codes = await admin.VouchersAsync(valueCoins: 250, count: 1);

        // Signed out, the page sends to the log-in page and back.
        var page = await NewPageAsync(bypassCsp: true);
        await page.GotoAsync("/wallet");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fwallet$"));

        var username = await Site.RegisterAsync(page, "wallet");
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Wallet", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wallet", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#wallet-balance")).ToHaveTextAsync("0 coins");
        await Expect(page.Locator("#wallet-earned")).ToHaveTextAsync("0 coins");
        await Expect(page.GetByText("Nothing here yet.")).ToBeVisibleAsync();

        var code = page.GetByLabel("Voucher code");
        var redeem = page.GetByRole(AriaRole.Button, new() { Name = "Redeem" });
        var status = page.GetByRole(AriaRole.Status); // the form's status line, the only one on the page

        // A code that does not exist.
        await code.FillAsync("NO-SUCH-CODE-" + Guid.NewGuid().ToString("N")[..6]);
        await redeem.ClickAsync();
        await Expect(status).ToHaveTextAsync("There is no voucher with that code. Check it and try again.");
        await Expect(code).ToHaveAttributeAsync("aria-invalid", "true");

        // The real one: the coins arrive, said in words, in the balance and in the history.
        await code.FillAsync(codes[0]);
        await redeem.ClickAsync();
        await Expect(status).ToHaveTextAsync("Voucher redeemed: 250 coins added. Your balance is now 250 coins.");
        await Expect(page.Locator("#wallet-balance")).ToHaveTextAsync("250 coins");
        var history = page.GetByRole(AriaRole.Table);
        await Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "+250" })).ToHaveCountAsync(1);
        await Expect(code).ToHaveValueAsync("");

        // The same code again: nothing moves twice, and the page says so.
        await code.FillAsync(codes[0]);
        await redeem.ClickAsync();
        await Expect(status).ToHaveTextAsync("You have already redeemed this voucher (250 coins). Your balance is 250 coins.");
        await Expect(page.Locator("#wallet-balance")).ToHaveTextAsync("250 coins");
        await Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "+250" })).ToHaveCountAsync(1);

        // Someone else with the same code.
        var other = await NewPageAsync();
        await Site.RegisterAsync(other, "late");
        await other.GotoAsync("/wallet");
        await other.GetByLabel("Voucher code").FillAsync(codes[0]);
        await other.GetByRole(AriaRole.Button, new() { Name = "Redeem" }).ClickAsync();
        await Expect(other.GetByRole(AriaRole.Status)).ToHaveTextAsync("That voucher has already been redeemed.");
        await Expect(other.Locator("#wallet-balance")).ToHaveTextAsync("0 coins");

        // It holds after a reload.
        await page.ReloadAsync();
        await Expect(page.Locator("#wallet-balance")).ToHaveTextAsync("250 coins");
        await Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "+250" })).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(page, "wallet", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375);
        Output.WriteLine($"wallet of {username} checked");
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });
}

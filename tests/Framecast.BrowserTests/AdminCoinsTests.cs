using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>/admin/gifts: voucher codes made in the console work once, shown once, batches counted; a wallet grant arrives.</summary>
public sealed class AdminCoinsTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Vouchers_and_a_grant_made_in_the_console_reach_a_wallet() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await AdminConsole.SignInAsync(Fixture, page);
        await page.GotoAsync("/admin/gifts");
        await page.GetByLabel("Value of each voucher (coins)").FillAsync("40");
        await page.GetByLabel("Number of codes").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make vouchers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 voucher codes made. Copy them now: they are not shown again.");
        var codes = (await page.GetByLabel("New voucher codes (shown only once: copy them now)").InputValueAsync()).Split('\n');
        codes.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        var batch = page.Locator("#voucher-list li").Filter(new() { HasText = "3 vouchers of 40 coins" }).First;
        await Expect(batch).ToContainTextAsync("0 redeemed");

        var user = await NewPageAsync();
        var username = await Site.RegisterAsync(user, "coins");
        await user.GotoAsync("/wallet");
        await user.GetByLabel("Voucher code").FillAsync(codes[0]);
        await user.GetByRole(AriaRole.Button, new() { Name = "Redeem" }).ClickAsync();
        await Expect(user.Locator("#wallet-balance")).ToHaveTextAsync("40 coins");

        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Coins", new() { Exact = true }).FillAsync("25");
        await page.GetByLabel("Reason").FillAsync("Welcome bonus");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant coins" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Granted 25 coins to {username}.");
        await user.ReloadAsync();
        await Expect(user.Locator("#wallet-balance")).ToHaveTextAsync("65 coins");

        await page.ReloadAsync();
        await Expect(page.Locator("#voucher-list li").Filter(new() { HasText = "3 vouchers of 40 coins" }).Filter(new() { HasText = "1 redeemed" })).ToHaveCountAsync(1);
        await page.GotoAsync("/admin/audit");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "wallet.grant" }).Filter(new() { HasText = username }).First).ToBeVisibleAsync();
    });
}

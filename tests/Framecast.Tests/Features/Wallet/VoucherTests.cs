using System.Net;
using System.Net.Http.Json;
using Dapper;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Wallet;

/// <summary>Vouchers: made by admins, redeemed once, expiring, unguessable, and never stored as the code itself.</summary>
public sealed class VoucherTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_voucher_redeems_once_and_a_retry_by_its_redeemer_answers_the_same(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var alice = await host.RegisterAsync("alice");
        var bob = await host.RegisterAsync("bob");
        var codes = await admin.VouchersAsync(250, 3);

        codes.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        codes.Should().OnlyContain(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$"), "20 characters of Crockford base32");
        var first = await (await alice.RedeemAsync(codes[0])).ShouldBeJsonAsync();
        first.GetProperty("valueCoins").GetInt64().Should().Be(250);
        first.GetProperty("balanceCoins").GetInt64().Should().Be(250);
        var retry = await (await alice.RedeemAsync(codes[0].ToLowerInvariant().Replace("-", " "))).ShouldBeJsonAsync();
        retry.GetRawText().Should().Be(first.GetRawText(), "the same redeemer retrying (typed loosely) gets the first answer");
        (await alice.BalanceAsync()).Should().Be(250, "credited once");
        await (await bob.RedeemAsync(codes[0])).ShouldBeProblemAsync(HttpStatusCode.Conflict, "voucher.redeemed");
        (await bob.BalanceAsync()).Should().Be(0);

        var wallet = await alice.WalletAsync();
        var entry = wallet.GetProperty("entries").EnumerateArray().Single();
        entry.GetProperty("kind").GetString().Should().Be("voucher");
        entry.GetProperty("account").GetString().Should().Be("balance");
        entry.GetProperty("amountCoins").GetInt64().Should().Be(250);

        var stored = await host.SqlAsync(c => c.QueryAsync<string>("SELECT code_hash FROM vouchers"));
        stored.Should().NotContain(h => codes.Any(code => h.Contains(code.Replace("-", ""), StringComparison.OrdinalIgnoreCase)), "only hashes are stored");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Users_racing_for_one_code_get_it_once(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var code = (await admin.VouchersAsync(40, 1)).Single();
        var users = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.RegisterAsync("racer")));

        var answers = await Task.WhenAll(users.Select(async u => (await u.RedeemAsync(code)).StatusCode));

        answers.Count(a => a == HttpStatusCode.OK).Should().Be(1);
        answers.Count(a => a == HttpStatusCode.Conflict).Should().Be(7);
        (await Task.WhenAll(users.Select(u => u.BalanceAsync()))).Sum().Should().Be(40);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Expired_unknown_and_guessed_codes_are_refused(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var user = await host.RegisterAsync("guess");
        var code = (await admin.VouchersAsync(10, 1)).Single();
        var hash = Framecast.Features.Wallet.TopUps.VoucherCodes.Hash(code);
        var past = DateTime.UtcNow.AddMinutes(-1);
        await host.SqlAsync(c => c.ExecuteAsync("UPDATE vouchers SET expires_at = @past WHERE code_hash = @hash",
            new { past = provider == "sqlite" ? (object)Framecast.Infrastructure.Data.UtcMicrosecondsConverter.ToMicros(past) : past, hash }));

        await (await user.RedeemAsync(code)).ShouldBeProblemAsync(HttpStatusCode.Gone, "voucher.expired");
        for (var i = 0; i < 10; i++)
        {
            await (await user.RedeemAsync(i % 2 == 0 ? "AAAAA-BBBBB-CCCCC-DDDDD" : "not a code")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "voucher.not_found");
        }
        var limited = await user.RedeemAsync("AAAAA-BBBBB-CCCCC-DDDDE");
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "voucher.rate_limited");
        limited.Headers.RetryAfter.Should().NotBeNull();
        (await user.BalanceAsync()).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_admins_make_vouchers_and_grants_and_inputs_are_checked(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var user = await host.RegisterAsync("plain");

        (await user.Client.PostAsJsonAsync("/api/v1/admin/vouchers", new { valueCoins = 10, count = 1, expiresAt = DateTime.UtcNow.AddDays(1) }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await user.Client.PostAsJsonAsync($"/api/v1/admin/wallets/{user.Username}/grants", new { coins = 10, reason = "me" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var anonymous = host.NewClient();
        (await anonymous.GetAsync("/api/v1/me/wallet")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await (await admin.Client.PostAsJsonAsync("/api/v1/admin/vouchers", new { valueCoins = 0, count = 1, expiresAt = DateTime.UtcNow.AddDays(1) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.Client.PostAsJsonAsync("/api/v1/admin/vouchers", new { valueCoins = 10, count = 1001, expiresAt = DateTime.UtcNow.AddDays(1) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.Client.PostAsJsonAsync("/api/v1/admin/vouchers", new { valueCoins = 10, count = 1, expiresAt = DateTime.UtcNow.AddDays(-1) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/wallets/{user.Username}/grants", new { coins = -5, reason = "take" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/wallets/{user.Username}/grants", new { coins = 5, reason = "" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.Client.PostAsJsonAsync("/api/v1/admin/wallets/nobody_here_x/grants", new { coins = 5, reason = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");

        var grant = await admin.GrantAsync(user.Username, 75, "welcome bonus");
        grant.GetProperty("balanceCoins").GetInt64().Should().Be(75);
        var entry = (await user.WalletAsync()).GetProperty("entries").EnumerateArray().Single();
        entry.GetProperty("kind").GetString().Should().Be("grant");
        entry.GetProperty("memo").GetString().Should().Contain("welcome bonus");
    }
}

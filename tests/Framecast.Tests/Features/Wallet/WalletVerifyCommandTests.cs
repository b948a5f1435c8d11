using System.Net;
using Dapper;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Wallet;

/// <summary><c>framecast wallet verify</c>, the real executable, proves a sound ledger and finds a corrupted balance.</summary>
public sealed class WalletVerifyCommandTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_passes_on_a_sound_ledger_and_names_a_corrupted_balance(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var admin = await host.CreateAdminAsync();
        var channel = await host.RegisterAsync("chan");
        var fan = await host.RegisterAsync("fan");
        var video = await host.CreateVideoAsync(channel);
        var giftId = await admin.CreateGiftAsync("Bolt", 3);
        await admin.GrantAsync(fan.Username, 50);
        await (await fan.SendGiftAsync($"videos/{video.Id}", giftId, 4)).ShouldBeJsonAsync(HttpStatusCode.Created);
        var env = CliRunner.Environment(host.Database);

        var sound = await CliRunner.RunAsync(["wallet", "verify"], environment: env);
        sound.ExitCode.Should().Be(0, sound.Stderr);
        sound.Stdout.Should().Contain("verified");

        var account = $"user:{channel.Id}:earnings";
        await host.SqlAsync(c => c.ExecuteAsync("UPDATE wallet_accounts SET balance_coins = balance_coins + 5 WHERE id = @account", new { account }));

        var corrupted = await CliRunner.RunAsync(["wallet", "verify"], environment: env);
        corrupted.ExitCode.Should().Be(1, corrupted.Stdout);
        corrupted.Stderr.Should().Contain(account).And.Contain("balance 13").And.Contain("sum to 8");
        var check = await admin.VerifyAsync();
        check.GetProperty("ok").GetBoolean().Should().BeFalse();
    }
}

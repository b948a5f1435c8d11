using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Wallet;

/// <summary>
/// Money-like state under load: many senders with limited balances racing through real HTTP. Whatever the interleaving,
/// no balance goes below zero, every accepted send is a balanced set of entries, and refused sends move nothing.
/// </summary>
public sealed class GiftConcurrencyTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_thousand_concurrent_gift_sends_from_twenty_accounts_never_overdraw_and_always_balance(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var channel = await host.RegisterAsync("chan");
        var video = await host.CreateVideoAsync(channel, "gift target");
        var giftId = await admin.CreateGiftAsync("Token", 7);
        var senders = new List<TestUser>();
        var granted = new Dictionary<string, long>();
        for (var i = 0; i < 20; i++)
        {
            var sender = await host.RegisterAsync("fan");
            // Between 10 and 200 coins: some run dry after a few sends, some never do.
            granted[sender.Id] = 10 + (i * 10);
            await admin.GrantAsync(sender.Username, granted[sender.Id]);
            senders.Add(sender);
        }

        var accepted = new ConcurrentBag<(string SenderId, long Coins, string TransactionId)>();
        var refused = new ConcurrentBag<string>();
        var others = new ConcurrentBag<string>();
        var start = new TaskCompletionSource();
        var sends = Enumerable.Range(0, 1000).Select(async i =>
        {
            var sender = senders[i % senders.Count];
            var count = 1 + (i % 3);
            await start.Task;
            using var response = await sender.SendGiftAsync($"videos/{video.Id}", giftId, count);
            var text = await response.Content.ReadAsStringAsync();
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    var body = JsonDocument.Parse(text).RootElement;
                    body.GetProperty("totalCoins").GetInt64().Should().Be(7 * count);
                    body.GetProperty("balanceCoins").GetInt64().Should().BeGreaterThanOrEqualTo(0);
                    accepted.Add((sender.Id, body.GetProperty("totalCoins").GetInt64(), body.GetProperty("id").GetString()!));
                    break;
                case HttpStatusCode.PaymentRequired:
                    var problem = JsonDocument.Parse(text).RootElement;
                    problem.GetProperty("code").GetString().Should().Be("wallet.insufficient_funds");
                    problem.GetProperty("requiredCoins").GetInt64().Should().Be(7 * count);
                    problem.GetProperty("balanceCoins").GetInt64().Should().BeLessThan(7 * count);
                    refused.Add(sender.Id);
                    break;
                default:
                    others.Add($"{(int)response.StatusCode}: {text}");
                    break;
            }
        }).ToList();
        start.SetResult();
        await Task.WhenAll(sends);

        others.Should().BeEmpty("every send is either accepted or refused for want of coins");
        accepted.Should().NotBeEmpty();
        refused.Should().NotBeEmpty("the balances are too small for every send");
        foreach (var sender in senders)
        {
            var spent = accepted.Where(a => a.SenderId == sender.Id).Sum(a => a.Coins);
            var balance = await sender.BalanceAsync();
            balance.Should().BeGreaterThanOrEqualTo(0);
            balance.Should().Be(granted[sender.Id] - spent, $"{sender.Username} paid exactly for its accepted sends");
        }
        (await channel.EarnedAsync()).Should().Be(accepted.Sum(a => (long)Math.Floor(a.Coins * 0.7)), "the channel earns its share of each accepted send");

        var transactions = await host.GiftTransactionsAsync(senders.Select(s => s.Id));
        transactions.Should().HaveCount(accepted.Count, "each accepted send is one ledger transaction; refused ones left none");
        transactions.Should().OnlyContain(t => t.Sum == 0 && t.Entries >= 2, "each transaction's entries balance");
        (await host.SumOfAllEntriesAsync()).Should().Be(0, "coins are never created or lost");
        var check = await admin.VerifyAsync();
        check.GetProperty("ok").GetBoolean().Should().BeTrue(check.ToString());
    }
}

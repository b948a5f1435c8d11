using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Wallet;

/// <summary>The calls of API.md's "Social, gifts and wallet" section, and a raw look at the ledger to check its invariants.</summary>
public static class WalletKit
{
    public static async Task<JsonElement> GrantAsync(this TestUser admin, string username, long coins, string reason = "test grant") =>
        await (await admin.Client.PostAsJsonAsync($"/api/v1/admin/wallets/{username}/grants", new { coins, reason })).ShouldBeJsonAsync(HttpStatusCode.Created);

    public static async Task<string> CreateGiftAsync(this TestUser admin, string name, long priceCoins) =>
        (await (await admin.Client.PostAsJsonAsync("/api/v1/admin/gifts", new { name, priceCoins })).ShouldBeJsonAsync(HttpStatusCode.Created))
        .GetProperty("id").GetString()!;

    public static Task<HttpResponseMessage> SendGiftAsync(this TestUser sender, string target, string giftId, int count, string? key = null) =>
        sender.Client.PostAsJsonAsync($"/api/v1/{target}/gifts", new { giftId, count, idempotencyKey = key ?? Guid.NewGuid().ToString() });

    public static async Task<JsonElement> WalletAsync(this TestUser user) =>
        await (await user.Client.GetAsync("/api/v1/me/wallet?limit=100")).ShouldBeJsonAsync();

    public static async Task<long> BalanceAsync(this TestUser user) => (await user.WalletAsync()).GetProperty("balanceCoins").GetInt64();

    public static async Task<long> EarnedAsync(this TestUser user) => (await user.WalletAsync()).GetProperty("earnedCoins").GetInt64();

    public static async Task<List<string>> VouchersAsync(this TestUser admin, long valueCoins, int count, DateTimeOffset? expiresAt = null)
    {
        var batch = await (await admin.Client.PostAsJsonAsync("/api/v1/admin/vouchers",
            new { valueCoins, count, expiresAt = expiresAt ?? DateTimeOffset.UtcNow.AddDays(30) })).ShouldBeJsonAsync(HttpStatusCode.Created);
        return [.. batch.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)];
    }

    public static Task<HttpResponseMessage> RedeemAsync(this TestUser user, string code) =>
        user.Client.PostAsJsonAsync("/api/v1/me/wallet/redeem", new { code });

    /// <summary>Runs SQL on the host's database (the ledger's raw rows, or a deliberate corruption).</summary>
    public static Task<T> SqlAsync<T>(this TestHost host, Func<System.Data.Common.DbConnection, Task<T>> query) =>
        host.WithScopeAsync(async sp =>
        {
            await using var connection = await sp.GetRequiredService<DbConnectionFactory>().OpenAsync(CancellationToken.None);
            return await query(connection);
        });

    /// <summary>Entries per transaction of the gifts sent by <paramref name="senderIds"/>.</summary>
    public static async Task<List<(string TransactionId, long Sum, int Entries)>> GiftTransactionsAsync(this TestHost host, IEnumerable<string> senderIds)
    {
        var senders = senderIds.ToHashSet();
        var rows = await host.SqlAsync(async c => (await c.QueryAsync<(string, string, long, int)>("""
            SELECT e.transaction_id, t.actor_id, SUM(e.amount_coins), COUNT(*) FROM wallet_entries e
            JOIN wallet_transactions t ON t.id = e.transaction_id
            WHERE t.kind = 'gift' GROUP BY e.transaction_id, t.actor_id
            """)).ToList());
        return [.. rows.Where(r => senders.Contains(r.Item2)).Select(r => (r.Item1, r.Item3, r.Item4))];
    }

    public static Task<long> SumOfAllEntriesAsync(this TestHost host) =>
        host.SqlAsync(c => c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(amount_coins), 0) FROM wallet_entries"));

    public static async Task<JsonElement> VerifyAsync(this TestUser admin) =>
        await (await admin.Client.PostAsync("/api/v1/admin/wallet/verify", null)).ShouldBeJsonAsync();
}

using System.Text.Json;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Http;

namespace Framecast.Features.Wallet;

/// <summary>Coins an admin gives an account: a ledger transaction with the admin as its actor and the reason in its memo.</summary>
public sealed class WalletGrants(WalletLedger ledger, TimeProvider clock)
{
    public async Task<(GrantResponse? Result, WalletRefusal? Refusal)> GrantAsync(string adminId, string userId, string username, long coins, string reason,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var transactionId = Ids.New();
        var requestHash = IdempotencyKeys.Hash(userId, coins, reason);
        await using var transaction = await ledger.BeginAsync(cancellationToken);
        var claim = await ledger.ClaimAsync(new WalletTransaction(transactionId, "grant", adminId, idempotencyKey, requestHash, $"Grant: {reason}", now), cancellationToken);
        if (!claim.Claimed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return claim.SameRequest(requestHash)
                ? (JsonSerializer.Deserialize<GrantResponse>(claim.ExistingResult!, JsonSerializerOptions.Web), null)
                : (null, WalletRefusal.KeyReused());
        }
        var balances = await ledger.PostAsync(transactionId,
        [
            new LedgerLine(WalletAccounts.Balance(userId), coins, $"Granted by an admin: {reason}"),
            new LedgerLine(WalletAccounts.Issuance, -coins, $"Granted to @{username}: {reason}"),
        ], now, cancellationToken) ?? throw new InvalidOperationException("A credit cannot fail for want of funds.");
        var result = new GrantResponse(transactionId, username, coins, reason, balances[WalletAccounts.Balance(userId).Id], now);
        await ledger.SaveResultAsync(transactionId, JsonSerializer.Serialize(result, JsonSerializerOptions.Web), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, null);
    }
}

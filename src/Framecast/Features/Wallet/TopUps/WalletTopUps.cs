using System.Text.Json;
using Dapper;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Wallet.TopUps;

/// <summary>
/// Credits coins from a top-up provider: the provider's proof is claimed and the ledger entries (the user's balance up,
/// the issuance account down) are written in one transaction. The same user redeeming the same proof again is a retry
/// and gets the first answer; wrong proofs are counted, and an account that keeps guessing is made to wait.
/// </summary>
public sealed class WalletTopUps(WalletLedger ledger, DbConnectionFactory connections, TimeProvider clock, IOptions<WalletOptions> options)
{
    public async Task<(RedeemResponse? Result, WalletRefusal? Refusal)> RedeemAsync(ITopUpProvider provider, string userId, string? proof, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        if (await RetryAfterAsync(userId, now, cancellationToken) is { } wait)
        {
            return (null, new WalletRefusal(429, $"{provider.Name}.rate_limited", "Too many wrong codes",
                $"Too many wrong codes were tried from this account; try again in {Math.Ceiling(wait.TotalMinutes)} minutes.",
                RetryAfterSeconds: (int)Math.Ceiling(wait.TotalSeconds)));
        }
        if (string.IsNullOrWhiteSpace(proof) || provider.Reference(proof) is not { } reference)
        {
            await RecordFailureAsync(userId, now, cancellationToken);
            return (null, NotFound(provider));
        }
        var transactionId = Ids.New();
        await using var transaction = await ledger.BeginAsync(cancellationToken);
        var claim = await ledger.ClaimAsync(new WalletTransaction(transactionId, provider.Name, userId, $"{provider.Name}:{reference[..40]}", reference,
            $"{provider.Name} top-up", now), cancellationToken);
        if (!claim.Claimed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (JsonSerializer.Deserialize<RedeemResponse>(claim.ExistingResult!, JsonSerializerOptions.Web), null);
        }
        var topUp = await provider.ClaimAsync(userId, reference, transactionId, now, cancellationToken);
        if (topUp.Status != TopUpStatus.Claimed)
        {
            await transaction.RollbackAsync(cancellationToken);
            if (topUp.Status == TopUpStatus.NotFound)
            {
                await RecordFailureAsync(userId, now, cancellationToken);
                return (null, NotFound(provider));
            }
            return (null, topUp.Status == TopUpStatus.Expired
                ? new WalletRefusal(410, $"{provider.Name}.expired", "Expired", "This code has expired.")
                : new WalletRefusal(409, $"{provider.Name}.redeemed", "Already redeemed", "This code has already been redeemed."));
        }
        var balances = await ledger.PostAsync(transactionId,
        [
            new LedgerLine(WalletAccounts.Balance(userId), topUp.Coins, topUp.Memo),
            new LedgerLine(WalletAccounts.Issuance, -topUp.Coins, $"{topUp.Memo} by {userId}"),
        ], now, cancellationToken) ?? throw new InvalidOperationException("A credit cannot fail for want of funds.");
        var result = new RedeemResponse(topUp.Coins, balances[WalletAccounts.Balance(userId).Id], transactionId);
        await ledger.SaveResultAsync(transactionId, JsonSerializer.Serialize(result, JsonSerializerOptions.Web), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, null);
    }

    private static WalletRefusal NotFound(ITopUpProvider provider) =>
        new(404, $"{provider.Name}.not_found", "Unknown code", "No such code: check it and try again.");

    private async Task<TimeSpan?> RetryAfterAsync(string userId, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - options.Value.RedeemWindow;
        await using var connection = await connections.OpenAsync(cancellationToken);
        // The oldest of the last RedeemFailures failures in the window: the account may try again once it leaves the window.
        var oldest = await connection.ExecuteScalarAsync<object?>(new CommandDefinition("""
            SELECT failed_at FROM voucher_failures WHERE user_id = @userId AND failed_at > @since
            ORDER BY failed_at DESC LIMIT 1 OFFSET @skip
            """, new { userId, since = connections.Time(since), skip = options.Value.RedeemFailures - 1 }, cancellationToken: cancellationToken));
        return oldest is null ? null : DbConnectionFactory.ReadTime(oldest) + options.Value.RedeemWindow - now;
    }

    private async Task RecordFailureAsync(string userId, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM voucher_failures WHERE user_id = @userId AND failed_at <= @old;
            INSERT INTO voucher_failures (user_id, failed_at) VALUES (@userId, @now);
            """, new { userId, old = connections.Time(now - options.Value.RedeemWindow), now = connections.Time(now) }, cancellationToken: cancellationToken));
    }
}
